using System.Text.Json;
using SocarDataLake.Stream.Bench;

// Local streaming benchmarks: ride generator and Firehose-like buffer throughput, the same through the
// whole pipeline, and record-to-queryable latency with a 5 s buffer interval. Figures are printed and
// written to <artifacts>/stream.json.
var artifacts = Option("--artifacts") ?? Path.Combine(StreamBench.RepoRoot, "artifacts", "bench");
var quick = args.Contains("--quick");
Directory.CreateDirectory(artifacts);
var work = Path.Combine(artifacts, "stream-work");
if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
Directory.CreateDirectory(work);

var results = new Dictionary<string, object>
{
    ["generator"] = StreamBench.Generator(quick ? 200_000 : 1_000_000),
    ["buffer_to_raw"] = await StreamBench.BufferToRawAsync(work, quick ? 200_000 : 1_000_000),
    ["buffer_to_queryable"] = await StreamBench.BufferToQueryableAsync(work, quick ? 100_000 : 500_000),
    ["latency"] = await StreamBench.LatencyAsync(work, rate: 500, TimeSpan.FromSeconds(quick ? 12 : 30)),
    ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
};

var file = Path.Combine(artifacts, "stream.json");
File.WriteAllText(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"figures written to {file}");
Directory.Delete(work, recursive: true);
return 0;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
