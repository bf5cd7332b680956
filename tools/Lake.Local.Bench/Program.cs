using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SocarDataLake.Local;
using SocarDataLake.Local.Bench;
using SocarDataLake.TestServers;

// Local lake benchmarks: ETL throughput against a plain DuckDB COPY, landing-to-queryable latency, and
// peak memory as the input grows. Figures are printed and written to <artifacts>/local-lake.json.
if (args.Length >= 3 && args[0] == "etl-child") return LocalLakeBench.EtlChild(args[1], args[2], readerTyping: args.Length < 4 || args[3] != "text-typing");

var bench = new BenchArguments(args);
var quick = bench.Quick;
var work = bench.EmptyFolder("local-lake-work");

var results = new Dictionary<string, object>();
if (args.Contains("--ratios-only"))
{
    // --rows 1000000 --bad 0 --rounds 5: one cell of the matrix, measured more often, when only it changed.
    int[] sizes = bench.Option("--rows") is { } rows ? [.. rows.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))] : quick ? [200_000] : [200_000, 1_000_000, 5_000_000];
    double[] shares = bench.Option("--bad") is { } bad ? [.. bad.Split(',').Select(b => double.Parse(b, CultureInfo.InvariantCulture))] : [0, 0.01, 0.10];
    var rounds = bench.Option("--rounds") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : quick ? 1 : 2;
    results["ratio_matrix"] = LocalLakeBench.RatioMatrix(work, sizes, shares, rounds);
    bench.WriteFigures("local-lake-ratios.json", results);
    Directory.Delete(work, recursive: true);
    return 0;
}
var throughputRows = quick ? 200_000 : 1_000_000;
results["throughput"] = LocalLakeBench.Throughput(work, throughputRows);
results["ratio_matrix"] = LocalLakeBench.RatioMatrix(work, quick ? [200_000] : [200_000, 1_000_000, 5_000_000], [0, 0.01, 0.10], rounds: quick ? 1 : 2);
results["latency"] = await LocalLakeBench.LatencyAsync(work);
results["memory"] = LocalLakeBench.Memory(work, quick ? [64L << 20, 128L << 20] : [256L << 20, 512L << 20, 1024L << 20]);
results["machine"] = BenchArguments.Machine;

bench.WriteFigures("local-lake.json", results);
Directory.Delete(work, recursive: true);
return 0;
