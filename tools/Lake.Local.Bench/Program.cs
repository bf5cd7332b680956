using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SocarDataLake.Local;
using SocarDataLake.Local.Bench;

// Local lake benchmarks: ETL throughput against a plain DuckDB COPY, landing-to-queryable latency, and
// peak memory as the input grows. Figures are printed and written to <artifacts>/local-lake.json.
if (args.Length >= 3 && args[0] == "etl-child") return LocalLakeBench.EtlChild(args[1], args[2]);

var artifacts = Option("--artifacts") ?? Path.Combine(LocalLakeBench.RepoRoot, "artifacts", "bench");
var quick = args.Contains("--quick");
Directory.CreateDirectory(artifacts);
var work = Path.Combine(artifacts, "local-lake-work");
if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
Directory.CreateDirectory(work);

var results = new Dictionary<string, object>();
var throughputRows = quick ? 200_000 : 1_000_000;
results["throughput"] = LocalLakeBench.Throughput(work, throughputRows);
results["latency"] = await LocalLakeBench.LatencyAsync(work);
results["memory"] = LocalLakeBench.Memory(work, quick ? [64L << 20, 128L << 20] : [256L << 20, 512L << 20, 1024L << 20]);
results["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";

var file = Path.Combine(artifacts, "local-lake.json");
File.WriteAllText(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"figures written to {file}");
Directory.Delete(work, recursive: true);
return 0;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
