using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocarDataLake.Lambdas.Bench;
using SocarDataLake.TestServers;

// Lambda benchmarks: zip and binary size, cold start against a hello-world AOT bootstrap, warm p50/p99 and
// peak RSS, each function run as its real Native AOT binary against a local Runtime API.
var repo = RepositoryRoot.Path;
var bench = new BenchArguments(args);
var artifacts = bench.Artifacts;
var publish = Path.Combine(repo, "artifacts", "publish");
var fixtures = Path.Combine(repo, "tests", "Lake.Lambdas.Tests", "Fixtures");

var hello = Publish("Lake.Lambdas.Bench.Hello/HelloBootstrap.csproj", "hello-bootstrap", "the hello-world AOT bootstrap (the yardstick)");
var aspnet = Publish("Lake.Lambdas.Bench.AspNetCore/AspNetBootstrap.csproj", "aspnet-bootstrap", "ASP.NET Core on LambdaServer (the console's host)");

var functions = new List<FunctionUnderTest>
{
    new("hello-world", Path.Combine(hello, "bootstrap"), "{}", new Dictionary<string, string>()),
    new("aspnet-hello", Path.Combine(aspnet, "bootstrap"), File.ReadAllText(Path.Combine(fixtures, "http-api-get.json")), new Dictionary<string, string>()),
    new("glue-trigger", Path.Combine(publish, "glue-trigger", "bootstrap"), File.ReadAllText(Path.Combine(fixtures, "sqs-s3-batch.json")),
        new Dictionary<string, string> { ["LAKE_CRAWLER_PREFIX"] = "socar-lake-dev-", ["LAKE_DEAD_LETTER_QUEUE_URL"] = "https://sqs.ap-south-1.amazonaws.com/1/dlq" }),
    new("etl-trigger", Path.Combine(publish, "etl-trigger", "bootstrap"), File.ReadAllText(Path.Combine(fixtures, "eventbridge-crawler-succeeded.json")),
        new Dictionary<string, string> { ["LAKE_CRAWLER_PREFIX"] = "socar-lake-dev-", ["LAKE_JOB_PREFIX"] = "socar-lake-dev-", ["LAKE_PLAN_URIS"] = """{"tripdata":"s3://a/glue/plans/tripdata.json"}""" }),
    new("ops-notifier", Path.Combine(publish, "ops-notifier", "bootstrap"), File.ReadAllText(Path.Combine(fixtures, "eventbridge-job-succeeded.json")),
        new Dictionary<string, string> { ["LAKE_JOB_PREFIX"] = "socar-lake-dev-", ["LAKE_TOPIC_ARN"] = "arn:aws:sns:ap-south-1:1:ops", ["LAKE_RUN_SUMMARY_BUCKET"] = "processed" }),
    // The console's function on a route that reaches no AWS service: the open sign-in settings every page reads first.
    new("console", Path.Combine(publish, "console", "bootstrap"), HttpApiGet("/app/config.json"),
        new Dictionary<string, string>
        {
            ["LAKE_DATABASE"] = "socar_lake_dev_processed", ["LAKE_WORKGROUP"] = "socar-lake-dev", ["LAKE_PROCESSED_BUCKET"] = "socar-lake-dev-processed",
            ["LAKE_QUARANTINE_BUCKET"] = "socar-lake-dev-quarantine", ["LAKE_JOB_PREFIX"] = "socar-lake-dev-",
            ["LAKE_CONSOLE_AUTH_DOMAIN"] = "socar-lake-dev-console.auth.ap-south-1.amazoncognito.com", ["LAKE_CONSOLE_CLIENT_ID"] = "1example23456789benchclient",
        }),
};
// --only hello-world,aspnet-hello measures just those (hello-world is always measured first: it is the yardstick).
if (bench.Option("--only") is { } only)
    functions = [.. functions.Where(f => f.Name == "hello-world" || only.Split(',').Contains(f.Name))];
foreach (var f in functions.Where(f => !File.Exists(f.Bootstrap)))
    throw new FileNotFoundException($"{f.Bootstrap} is missing: run './build.sh --target=Package' first (the Bench target does).");

// The Package target writes the zips' manifest; a bootstrap published on its own (`--only console` after a plain
// `dotnet publish`) is measured all the same, its zip size shown as "-".
var manifestFile = Path.Combine(repo, "artifacts", "lambdas", "manifest.json");
var manifest = !File.Exists(manifestFile) ? [] : JsonDocument.Parse(File.ReadAllText(manifestFile)).RootElement
    .EnumerateArray().ToDictionary(e => e.GetProperty("function").GetString()!, e => e.GetProperty("size").GetInt64());

var results = new List<Dictionary<string, object>>();
double? helloCold = null;
Console.WriteLine($"{"function",-14}{"zip",10}{"binary",10}{"cold p50",11}{"vs hello",10}{"warm p50",11}{"warm p99",11}{"peak RSS",11}");
foreach (var f in functions)
{
    var cold = LambdaMeasure.ColdStartMs(f, runs: 31);
    helloCold ??= cold;
    var (p50, p99, rss) = await LambdaMeasure.WarmAsync(f, invocations: 400);
    var zip = manifest.GetValueOrDefault(f.Name);
    var binary = new FileInfo(f.Bootstrap).Length;
    Console.WriteLine($"{f.Name,-14}{(zip > 0 ? $"{zip / 1048576.0:F1} MiB" : "-"),10}{binary / 1048576.0,6:F1} MiB{cold,8:F1} ms{cold / helloCold.Value,9:F2}x{p50,8:F2} ms{p99,8:F2} ms{rss / 1048576.0,7:F1} MiB");
    results.Add(new()
    {
        ["function"] = f.Name, ["zip_bytes"] = zip, ["binary_bytes"] = binary, ["cold_start_ms_p50"] = Math.Round(cold, 2),
        ["cold_vs_hello"] = Math.Round(cold / helloCold.Value, 2), ["warm_ms_p50"] = Math.Round(p50, 3), ["warm_ms_p99"] = Math.Round(p99, 3), ["peak_rss_bytes"] = rss,
    });
}
Console.WriteLine("goals: cold start at most 2x hello-world; peak RSS under 40 MB. Published Lambda init for reference: .NET 10 AOT ~62 ms, managed ~247 ms.");
bench.WriteFigures("lambdas.json", results);
return 0;

// API Gateway's payload 2.0 GET of the fixture, on another path.
string HttpApiGet(string path)
{
    var request = JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, "http-api-get.json")))!;
    request["rawPath"] = path;
    request["requestContext"]!["http"]!["path"] = path;
    return request.ToJsonString();
}

string Publish(string project, string folder, string what)
{
    var output = Path.Combine(artifacts, folder);
    Console.WriteLine($"publishing {what}...");
    using var build = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(repo, "tools", project), "-c", "Release", "-r", "linux-x64", "-o", output, "--nologo", "-v", "quiet"]) { RedirectStandardOutput = true })!;
    build.StandardOutput.ReadToEnd();
    build.WaitForExit();
    if (build.ExitCode != 0) throw new InvalidOperationException($"publishing {what} failed");
    return output;
}
