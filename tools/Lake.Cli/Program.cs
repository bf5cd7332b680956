using System.CommandLine;
using SocarDataLake.Cli;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Local;

// `lake`: the local lake from the command line. Exit codes: 0 ok, 2 bad usage or bad input, 1 failure.
var rootOption = new Option<string?>("--root") { Description = "Lake root folder (default: $LAKE_ROOT, else .lake)", Recursive = true };
var datasetsOption = new Option<string?>("--datasets") { Description = "Folder of dataset contracts to initialize from (default: the repository's datasets/)" };
var command = new RootCommand("lake: the SocarDataLake local lake on embedded DuckDB") { rootOption };

var init = new Command("init", "Create a lake: zone folders, contracts, catalog") { datasetsOption };
init.SetAction(result => Run(() => LakeCommands.Init(Root(result), result.GetValue(datasetsOption))));

var paths = new Argument<string[]>("paths") { Description = "Files to ingest", Arity = ArgumentArity.OneOrMore };
var datasetOption = new Option<string>("--dataset", "-d") { Description = "Dataset the files belong to (a contract in datasets/)", Required = true };
var noWait = new Option<bool>("--no-wait") { Description = "Only land the files; do not run the pipeline now" };
var ingest = new Command("ingest", "Land files in the raw zone and run crawl, ETL and notification") { paths, datasetOption, noWait };
ingest.SetAction((result, ct) => RunAsync(() => LakeCommands.IngestAsync(Root(result), result.GetValue(paths)!, result.GetValue(datasetOption)!, result.GetValue(noWait), ct)));

var status = new Command("status", "Datasets with raw, pending and processed objects, rows and the last run");
status.SetAction(result => Run(() => LakeCommands.Status(Root(result))));

var datasetArgument = new Argument<string?>("dataset") { Description = "Only this dataset", Arity = ArgumentArity.ZeroOrOne };
var catalog = new Command("catalog", "Contract columns and the raw schema versions the crawler recorded") { datasetArgument };
catalog.SetAction(result => Run(() => LakeCommands.Catalog(Root(result), result.GetValue(datasetArgument))));
var runs = new Command("runs", "ETL runs: rows in, out and quarantined") { datasetArgument };
runs.SetAction(result => Run(() => LakeCommands.Runs(Root(result), result.GetValue(datasetArgument))));
var quarantine = new Command("quarantine", "Quarantined rows and objects, grouped by reason") { datasetArgument };
quarantine.SetAction(result => Run(() => LakeCommands.Quarantine(Root(result), result.GetValue(datasetArgument))));

var sql = new Argument<string>("sql") { Description = "SQL over the processed datasets (each dataset is a view)" };
var format = new Option<string>("--format", "-f") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
format.AcceptOnlyFromAmong("table", "csv", "json");
var limit = new Option<int>("--limit") { Description = "Maximum rows printed", DefaultValueFactory = _ => QueryService.DefaultLimit };
var query = new Command("query", "Read-only SQL over the lake") { sql, format, limit };
query.SetAction(result => Run(() => LakeCommands.Query(Root(result), result.GetValue(sql)!, result.GetValue(format)!, result.GetValue(limit))));

var dataOption = new Option<string?>("--data") { Description = "Folder with the NYC taxi sample (default: shared/data/nyc-taxi beside the repository)" };
var demo = new Command("demo", "A fresh lake fed the real NYC taxi sample, ending with queries") { dataOption, datasetsOption };
demo.SetAction((result, ct) => RunAsync(() => Demo.RunAsync(Root(result), result.GetValue(dataOption), result.GetValue(datasetsOption), ct)));

var engineOption = new Option<string>("--engine") { Description = "spark (the Glue job) or duckdb (the local lake)", DefaultValueFactory = _ => "spark" };
engineOption.AcceptOnlyFromAmong("spark", "duckdb");
var outOption = new Option<string?>("--out") { Description = "Write <dataset>.json files into this folder instead of printing" };
var plan = new Command("plan", "Render dataset typing plans as SQL for an engine (the build ships the Spark ones to Glue)") { datasetArgument, engineOption, outOption, datasetsOption };
plan.SetAction(result => Run(() => LakeCommands.Plan(result.GetValue(datasetsOption), result.GetValue(datasetArgument), result.GetValue(engineOption)!, result.GetValue(outOption))));

foreach (var sub in new[] { init, ingest, status, catalog, runs, quarantine, query, plan, demo }) command.Subcommands.Add(sub);

var parsed = command.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"lake: {error.Message}");
    Console.Error.WriteLine("Run 'lake --help' for usage.");
    return 2;
}
return await parsed.InvokeAsync();

string Root(ParseResult result) => LakeRoot.DefaultPath(result.GetValue(rootOption));

static int Run(Func<int> action) => RunAsync(() => Task.FromResult(action())).GetAwaiter().GetResult();

static async Task<int> RunAsync(Func<Task<int>> action)
{
    try
    {
        return await action();
    }
    catch (Exception e) when (e is LakeException or ContractException)
    {
        Console.Error.WriteLine($"lake: {e.Message}");
        return 2;
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        Console.Error.WriteLine($"lake: failed: {e.GetType().Name}: {e.Message}");
        if (Environment.GetEnvironmentVariable("LAKE_DEBUG") == "1") Console.Error.WriteLine(e);
        else Console.Error.WriteLine("Set LAKE_DEBUG=1 to see where it failed.");
        return 1;
    }
}
