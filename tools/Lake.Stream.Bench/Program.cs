using SocarDataLake.Stream.Bench;
using SocarDataLake.TestServers;

// Local streaming benchmarks: ride generator and Firehose-like buffer throughput, the same through the
// whole pipeline, and record-to-queryable latency with a 5 s buffer interval. Figures are printed and
// written to <artifacts>/stream.json.
var bench = new BenchArguments(args);
var quick = bench.Quick;
var work = bench.EmptyFolder("stream-work");

var results = new Dictionary<string, object>
{
    ["generator"] = StreamBench.Generator(quick ? 200_000 : 1_000_000),
    ["buffer_to_raw"] = await StreamBench.BufferToRawAsync(work, quick ? 200_000 : 1_000_000),
    ["buffer_to_queryable"] = await StreamBench.BufferToQueryableAsync(work, quick ? 100_000 : 500_000),
    ["latency"] = await StreamBench.LatencyAsync(work, rate: 500, TimeSpan.FromSeconds(quick ? 12 : 30)),
    ["machine"] = BenchArguments.Machine,
};

bench.WriteFigures("stream.json", results);
Directory.Delete(work, recursive: true);
return 0;
