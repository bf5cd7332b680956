using SocarDataLake.Stream.Bench;
using SocarDataLake.TestServers;

// Local streaming benchmarks: ride generator and Firehose-like buffer throughput, the same through the
// whole pipeline, and record-to-queryable latency with a 5 s buffer interval; then the hand-written CSV
// reader and multipart uploader against the libraries that could replace them. Figures are printed and
// written to <artifacts>/stream.json. `--only <section>` runs one section (its figures go to <section>.json).
if (args is ["upload-child", var uploader, var file, var url]) return await UploadBench.ChildAsync(uploader, file, url);

var bench = new BenchArguments(args);
var quick = bench.Quick;
var only = bench.Option("--only");
var work = bench.EmptyFolder("stream-work");

var sections = new Dictionary<string, Func<Task<object>>>
{
    ["generator"] = () => Task.FromResult<object>(StreamBench.Generator(quick ? 200_000 : 1_000_000)),
    ["buffer_to_raw"] = async () => await StreamBench.BufferToRawAsync(work, quick ? 200_000 : 1_000_000),
    ["buffer_to_queryable"] = async () => await StreamBench.BufferToQueryableAsync(work, quick ? 100_000 : 500_000),
    ["latency"] = async () => await StreamBench.LatencyAsync(work, rate: 500, TimeSpan.FromSeconds(quick ? 12 : 30)),
    ["csv_parsers"] = () => Task.FromResult<object>(CsvParserBench.Run(work, quick ? 20 : 100)),
    ["s3_upload"] = async () => await UploadBench.RunAsync(work, quick ? 40 : 200),
};
if (only is not null && !sections.ContainsKey(only))
{
    Console.Error.WriteLine($"--only {only}: no such section; the sections are {string.Join(", ", sections.Keys)}.");
    return 2;
}

var results = new Dictionary<string, object>();
foreach (var (name, run) in sections)
    if (only is null || only == name) results[name] = await run();
results["machine"] = BenchArguments.Machine;

bench.WriteFigures(only is null ? "stream.json" : $"{only}.json", results);
Directory.Delete(work, recursive: true);
return 0;
