using System.CommandLine;
using SocarDataLake.Cli;
using SocarDataLake.Cli.Athena;
using SocarDataLake.Cli.AwsViews;
using SocarDataLake.Cli.Redrive;
using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Local;
using SocarDataLake.Producers.Streaming;

// `lake`: the local lake from the command line. Exit codes: 0 ok, 2 bad usage or bad input, 1 failure, 130 stopped by
// Ctrl-C (SIGINT), 143 stopped by SIGTERM.
// The one clock of the command: the local lake and the producers read time only through it.
var clock = TimeProvider.System;

// Ctrl-C is caught from the first line on. System.CommandLine registers its own SIGINT handler only once a verb's task
// is returned, and `lake ingest` can run its whole pipeline before its first real await: a Ctrl-C in that window was
// never seen and the run finished with exit 0. Cancelling the signal keeps the process alive to say what committed.
using var interrupted = new CancellationTokenSource();
// SIGTERM (kill, a service manager) stops a verb the same careful way, and is named as what it is. These handlers are
// the only ones: System.CommandLine's own (ProcessTerminationTimeout) blocks until the verb returns, and when it ran
// first the verb finished before the signal was known, so SIGTERM was told and exited as Ctrl-C.
// Stopping takes time (the stream verbs deliver what is buffered), but not forever: as System.CommandLine did, a verb
// still running two minutes after the signal is ended with the signal's exit code.
var stopGrace = TimeSpan.FromSeconds(120);
void Stop(System.Runtime.InteropServices.PosixSignalContext context)
{
    StopSignal.Received(context.Signal);
    context.Cancel = true;
    interrupted.Cancel();
    _ = Task.Delay(stopGrace).ContinueWith(_ => Environment.Exit(StopSignal.ExitCode), TaskScheduler.Default);
}
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
var rootOption = new Option<string?>("--root") { Description = "Lake root folder (default: $LAKE_ROOT, else .lake)", Recursive = true };
var datasetsOption = new Option<string?>("--datasets") { Description = "Folder of dataset contracts to initialize from (default: the repository's datasets/)" };
var command = new RootCommand("lake: the SocarDataLake local lake on embedded DuckDB") { rootOption };

var init = new Command("init", "Create a lake: zone folders, contracts, catalog") { datasetsOption };
init.SetAction(result => Run(() => LakeCommands.Init(Root(result), result.GetValue(datasetsOption))));

var paths = new Argument<string[]>("paths") { Description = "Files to ingest", Arity = ArgumentArity.OneOrMore };
var datasetOption = new Option<string>("--dataset", "-d") { Description = "Dataset the files belong to (a contract in datasets/)", Required = true };
var noWait = new Option<bool>("--no-wait") { Description = "Only land the files; do not run the pipeline now" };
var awsOption = new Option<bool>("--aws") { Description = "Send to AWS (the raw bucket or a Kinesis stream) instead of the local lake" };
var profileOption = new Option<string?>("--profile") { Description = "With --aws: the AWS profile to use (default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, then the SDK's default chain)" };
var regionOption = new Option<string?>("--region") { Description = "With --aws: the AWS region (default: $AWS_REGION)" };
var bucketOption = new Option<string?>("--bucket") { Description = "With --aws: the raw bucket (default: $LAKE_RAW_BUCKET)" };
var kmsKeyOption = new Option<string?>("--kms-key") { Description = "With --aws: the lake key's ARN, named on every upload (default: $LAKE_KMS_KEY_ARN, else the bucket's default key)" };
var streamOption = new Option<string?>("--stream") { Description = "With --aws: the Kinesis stream name or ARN (default: $LAKE_STREAM)" };
var bufferSizeOption = new Option<int?>("--buffer-size") { Description = "Local stream: MiB buffered before an object is written, 1-128 like Firehose (default 1)" };
var ingestDateOption = new Option<string?>("--ingest-date") { Description = "The raw zone's ingest_date the files land under, YYYY-MM-DD (default: today, UTC)" };
var bufferIntervalOption = new Option<int?>("--buffer-interval") { Description = "Local stream: seconds the oldest record waits before an object is written, 0-900 like Firehose (default 5)" };

var ingest = new Command("ingest", "Land files in the raw zone and run crawl, ETL and notification; with --aws upload them to the raw bucket") { paths, datasetOption, noWait, ingestDateOption, awsOption, profileOption, regionOption, bucketOption, kmsKeyOption };
ingest.SetAction((result, ct) => RunAsync(() =>
{
    var aws = Aws(result);
    var ingestDate = IngestDateOption.Parse(result.GetValue(ingestDateOption));
    return result.GetValue(awsOption)
        ? LakeCommands.UploadAsync(Root(result), result.GetValue(paths)!, result.GetValue(datasetOption)!, aws, ingestDate, clock, Interruptible(ct))
        : LakeCommands.IngestAsync(Root(result), result.GetValue(paths)!, result.GetValue(datasetOption)!, result.GetValue(noWait), ingestDate, clock, Interruptible(ct));
}));

var csvFile = new Argument<string>("file") { Description = "CSV file with a header row" };
var partitionKeyOption = new Option<string?>("--partition-key") { Description = "Column whose value is each record's partition key (default: the row number, which spreads evenly)" };
var csvRateOption = new Option<string?>("--rate") { Description = "Records per second, such as 200 or 200/s (default: as fast as the target takes them)" };
var streamCsv = new Command("stream-csv", "Send each CSV row as one JSON record to a stream: Kinesis with --aws, else the local lake's buffered stream")
    { csvFile, datasetOption, awsOption, streamOption, partitionKeyOption, csvRateOption, profileOption, regionOption, bufferSizeOption, bufferIntervalOption };
streamCsv.SetAction((result, ct) => RunAsync(() => LakeCommands.StreamCsvAsync(StreamTo(result), result.GetValue(csvFile)!, result.GetValue(datasetOption)!,
    result.GetValue(partitionKeyOption), result.GetValue(csvRateOption), clock, Interruptible(ct))));

var streamDatasetOption = new Option<string?>("--dataset", "-d") { Description = "Checked, not chosen: each generator feeds its own dataset (rides → rides); only jsonl datasets take streams", Recursive = true };
var ridesRateOption = new Option<string>("--rate") { Description = "Events per second, such as 50 or 50/s", Required = true };
var durationOption = new Option<string?>("--duration") { Description = "How long to stream, such as 30s or 5m" };
var countOption = new Option<long?>("--count") { Description = "How many events to stream" };
var seedOption = new Option<int?>("--seed") { Description = "Seed for reproducible events: the same seed and rate give the same records (event times then start at 2025-01-01T00:00:00Z)" };
var rides = new Command("rides", "Ride events (vehiclenumber, vehicle_returned, kms_driven, rating, customer, vehicle_type) into the rides dataset")
    { ridesRateOption, durationOption, countOption, seedOption, awsOption, streamOption, profileOption, regionOption, bufferSizeOption, bufferIntervalOption };
rides.SetAction((result, ct) => RunAsync(() =>
{
    DatasetContracts.RequireStreamDataset(result.GetValue(streamDatasetOption), "rides", Root(result));
    return LakeCommands.StreamRidesAsync(StreamTo(result), result.GetValue(ridesRateOption)!, result.GetValue(durationOption),
        result.GetValue(countOption), result.GetValue(seedOption), clock, Interruptible(ct));
}));
var stream = new Command("stream", "Generate events into a stream: Kinesis with --aws, else the local lake's buffered stream") { rides, streamDatasetOption };
// Without a generator (or with another dataset than a generator's) the verb says which datasets stream instead of a parser error.
stream.SetAction(result => Run(() =>
{
    DatasetContracts.RequireStreamDataset(result.GetValue(streamDatasetOption), null, Root(result));
    return 0; // not reached: without a generator the check always refuses
}));

var processDataset = new Argument<string?>("dataset") { Description = "Only this dataset (default: every dataset)", Arity = ArgumentArity.ZeroOrOne };
var process = new Command("process", "Process every pending raw object: landed with --no-wait, or left by a killed or failed run") { processDataset };
process.SetAction((result, ct) => RunAsync(() => LakeCommands.ProcessAsync(Root(result), result.GetValue(processDataset), clock, Interruptible(ct))));

var outputsOption = new Option<string?>("--outputs") { Description = "With --aws: the environment's `terraform output -json` saved to a file, naming the lake's buckets, database, jobs and queues (default: $LAKE_TF_OUTPUTS)" };
var awsViewOption = new Option<bool>("--aws") { Description = "Read the deployed lake on AWS (Glue, the processed and quarantine buckets, SQS) instead of the local lake" };
var viewDatabaseOption = new Option<string?>("--database") { Description = "With --aws: the processed Glue database (default: $LAKE_DATABASE, else the outputs' processed_database_name)" };

var status = new Command("status", "Datasets with raw, pending and processed objects, rows and the last run; with --aws tables, partitions, runs and queue depths of the AWS lake")
    { awsViewOption, profileOption, regionOption, outputsOption, viewDatabaseOption };
status.SetAction((result, ct) => RunAsync(() => AwsView(result, awsViewOption, [("--database", result.GetValue(viewDatabaseOption))])
    ? AwsViewCommands.StatusAsync(Aws(result, awsViewOption), result.GetValue(outputsOption), result.GetValue(viewDatabaseOption), clock, Interruptible(ct))
    : Task.FromResult(LakeCommands.Status(Root(result)))));

var datasetArgument = new Argument<string?>("dataset") { Description = "Only this dataset", Arity = ArgumentArity.ZeroOrOne };
var catalog = new Command("catalog", "Contract columns and the raw schema versions the crawler recorded") { datasetArgument };
catalog.SetAction(result => Run(() => LakeCommands.Catalog(Root(result), result.GetValue(datasetArgument))));
var runs = new Command("runs", "ETL runs: rows in, out and quarantined; with --aws the Glue job's runs, with or without a run summary")
    { datasetArgument, awsViewOption, profileOption, regionOption, outputsOption };
runs.SetAction((result, ct) => RunAsync(() => AwsView(result, awsViewOption, [])
    ? AwsViewCommands.RunsAsync(Aws(result, awsViewOption), result.GetValue(outputsOption), result.GetValue(datasetArgument), clock, Interruptible(ct))
    : Task.FromResult(LakeCommands.Runs(Root(result), result.GetValue(datasetArgument)))));
var quarantine = new Command("quarantine", "Quarantined rows and objects, grouped by reason; with --aws from the quarantine bucket")
    { datasetArgument, awsViewOption, profileOption, regionOption, outputsOption };
quarantine.SetAction((result, ct) => RunAsync(() => AwsView(result, awsViewOption, [])
    ? AwsViewCommands.QuarantineAsync(Aws(result, awsViewOption), result.GetValue(outputsOption), result.GetValue(datasetArgument), Interruptible(ct))
    : Task.FromResult(LakeCommands.Quarantine(Root(result), result.GetValue(datasetArgument)))));

var sql = new Argument<string>("sql") { Description = "SQL over the processed datasets (each dataset is a view)" };
var format = new Option<string>("--format", "-f") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
format.AcceptOnlyFromAmong("table", "csv", "json");
var limit = new Option<int>("--limit") { Description = "Maximum rows printed", DefaultValueFactory = _ => QueryService.DefaultLimit };
var timeout = new Option<string?>("--timeout") { Description = $"Time limit of the query, such as 30s or 5m (default {QueryService.DefaultTimeout.TotalSeconds:0}s)" };
var workgroupOption = new Option<string?>("--workgroup") { Description = "With --aws: the lake's Athena workgroup (default: $LAKE_WORKGROUP; terraform output athena_workgroup)" };
var databaseOption = new Option<string?>("--database") { Description = "With --aws: the Glue database queried (default: $LAKE_DATABASE; terraform output processed_database_name)" };
var resultOutputOption = new Option<string?>("--output", "-o") { Description = "With --aws: write the whole result (not capped by --limit) to this file, as the CSV Athena wrote to the results bucket" };
var query = new Command("query", "Read-only SQL over the lake: one SELECT statement; with --aws on Athena (Trino SQL: one query starting SELECT, WITH or VALUES, refused otherwise before anything is sent), printing run time, data scanned, cost and query id")
    { sql, format, limit, timeout, awsOption, profileOption, regionOption, workgroupOption, databaseOption, resultOutputOption };
query.SetAction((result, cancellationToken) => RunAsync(() =>
{
    var aws = Aws(result);
    if (!result.GetValue(awsOption))
    {
        var athenaOnly = new[] { ("--workgroup", result.GetValue(workgroupOption)), ("--database", result.GetValue(databaseOption)), ("--output", result.GetValue(resultOutputOption)) }.Where(o => o.Item2 is not null).Select(o => o.Item1).ToList();
        if (athenaOnly.Count > 0) throw new LakeException($"{string.Join(", ", athenaOnly)} only apply with --aws; without it the local lake at {Root(result)} is queried.");
        return Task.FromResult(LakeCommands.Query(Root(result), result.GetValue(sql)!, result.GetValue(format)!, result.GetValue(limit), result.GetValue(timeout)));
    }
    if (result.GetValue(timeout) is not null)
        throw new LakeException("--timeout limits the local lake's queries; on Athena the workgroup's query timeout applies, and Ctrl-C stops a query.");
    return AthenaQueryCommand.RunAsync(result.GetValue(sql)!, result.GetValue(format)!, result.GetValue(limit), result.GetValue(resultOutputOption), aws, result.GetValue(workgroupOption), result.GetValue(databaseOption), clock, Interruptible(cancellationToken));
}));

var portOption = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default 0: any free port)", DefaultValueFactory = _ => 0 };
var openOption = new Option<bool>("--open") { Description = "Open the console's address in a browser" };
var dashboardsOption = new Option<string?>("--dashboards") { Description = "Folder of dashboard files, *.json (default: the repository's dashboards/)" };
var serve = new Command("serve", "The lake console in a browser: datasets, runs, quarantine, read-only SQL with charts and dashboards, on 127.0.0.1 only behind a token printed at start") { portOption, openOption, dashboardsOption };
serve.SetAction((result, ct) => RunAsync(() => ServeCommand.RunAsync(Root(result), result.GetValue(portOption), result.GetValue(openOption), result.GetValue(dashboardsOption), clock, Interruptible(ct))));

var dataOption = new Option<string?>("--data") { Description = "Folder with the NYC taxi sample (default: shared/data/nyc-taxi beside the repository)" };
var demo = new Command("demo", "A fresh lake fed the real NYC taxi sample, ending with queries") { dataOption, datasetsOption };
demo.SetAction((result, ct) => RunAsync(() => Demo.RunAsync(Root(result), result.GetValue(dataOption), result.GetValue(datasetsOption), clock, Interruptible(ct))));

var engineOption = new Option<string>("--engine") { Description = "spark (the Glue job) or duckdb (the local lake)", DefaultValueFactory = _ => "spark" };
engineOption.AcceptOnlyFromAmong("spark", "duckdb");
var outOption = new Option<string?>("--out") { Description = "Write <dataset>.json files into this folder instead of printing" };
var plan = new Command("plan", "Render dataset typing plans as SQL for an engine (the build ships the Spark ones to Glue)") { datasetArgument, engineOption, outOption, datasetsOption };
plan.SetAction(result => Run(() => LakeCommands.Plan(result.GetValue(datasetsOption), result.GetValue(datasetArgument), result.GetValue(engineOption)!, result.GetValue(outOption))));

var simPlan = new Option<string?>("--plan") { Description = $"Offline plan JSON to read settings from (default {SimulateCommand.DefaultPlan}; ./build.sh --target=Plan writes it)" };
var simDesign = new Option<string>("--design") { Description = "current (orchestration v2: the reconciler), queue-retry (the wiring before v2) or seed (the original design)", DefaultValueFactory = _ => "current" };
var simHours = new Option<string?>("--hours") { Description = "Simulated hours of workload (default 24)" };
var simSeed = new Option<string?>("--seed") { Description = "Random seed: the same seed gives the same run (default 1)" };
var simUploads = new Option<string?>("--uploads-per-hour") { Description = "File uploads per hour (Poisson arrivals)" };
var simStream = new Option<string?>("--stream-records-per-second") { Description = "Records per second into Firehose (default 50 when no workload is given)" };
var simBurst = new Option<string[]>("--burst") { Description = "N@MINUTE: N uploads spread over five minutes from MINUTE; repeatable", AllowMultipleArgumentsPerToken = true };
var simCrawler = new Option<string?>("--crawler-minutes") { Description = "Crawl duration range A-B in minutes (default 2-15)" };
var simJob = new Option<string?>("--job-minutes") { Description = "Job run duration range A-B in minutes (default 3-30)" };
var simFail = new Option<string[]>("--fail-rate") { Description = "NAME=P fault probabilities: " + string.Join(", ", SocarDataLake.Simulate.Engine.Faults.Known.Keys), AllowMultipleArgumentsPerToken = true };
var simPrices = new Option<string?>("--prices") { Description = "Price file (default: prices.json beside the tool, from tools/Lake.Simulate/prices.json)" };
var simFormat = new Option<string>("--format", "-f") { Description = "table or json", DefaultValueFactory = _ => "table" };
var simDrain = new Option<string?>("--drain-hours") { Description = "Hours after the workload stops for work in flight to finish before counting (default 2)" };
var simulate = new Command("simulate", "Simulate the deployed orchestration over simulated time with the real trigger handlers; count lost and duplicated work, latency and cost")
    { simPlan, simDesign, simHours, simSeed, simUploads, simStream, simBurst, simCrawler, simJob, simFail, simPrices, simFormat, simDrain };
simulate.SetAction(result => Run(() => SimulateCommand.Run(new SimulateArguments(
    result.GetValue(simPlan), result.GetValue(simDesign)!, result.GetValue(simHours), result.GetValue(simSeed), result.GetValue(simUploads),
    result.GetValue(simStream), result.GetValue(simBurst) ?? [], result.GetValue(simCrawler), result.GetValue(simJob), result.GetValue(simFail) ?? [],
    result.GetValue(simPrices), result.GetValue(simFormat)!, result.GetValue(simDrain)))));

var redriveQueue = new Argument<string>("queue") { Description = "The dead-letter queue: its name or URL (terraform outputs ingest_dead_letter_queue_url, events_dead_letter_queue_url)" };
var redriveTo = new Option<string?>("--to") { Description = "Where the messages go (name or URL); default: the queue that dead-letters into it, or the reconcile queue for the events DLQ" };
var redriveDryRun = new Option<bool>("--dry-run") { Description = "Only say what the queue holds and why" };
var redrive = new Command("redrive", "After a fix, send a dead-letter queue's messages back (--aws: an SQS DLQ of the deployed lake)")
    { redriveQueue, redriveTo, redriveDryRun, awsOption, profileOption, regionOption };
redrive.SetAction((result, cancellationToken) => RunAsync(() =>
{
    if (!result.GetValue(awsOption))
        throw new LakeException("redrive moves an SQS dead-letter queue of the deployed lake: add --aws. The local lake keeps no dead letters to send back: `lake status` lists pending objects and `lake process` runs them.");
    return RedriveCommand.RunAsync(result.GetValue(redriveQueue)!, result.GetValue(redriveTo), result.GetValue(redriveDryRun), Aws(result), clock, Interruptible(cancellationToken));
}));

var exportDashboardsOption = new Option<string?>("--dashboards") { Description = "Folder of dashboard files, *.json (default: the repository's dashboards/)" };
var exportOutOption = new Option<string?>("--out") { Description = $"File to write (default: the repository's {SocarDataLake.Cli.Dashboards.DashboardExport.DefaultOutput}, which the QuickSight module reads)" };
var dashboardsExport = new Command("export", "Write the dashboard files as plain JSON for Terraform's QuickSight module, each query's result columns typed by running it on an empty lake of the contracts")
    { exportDashboardsOption, datasetsOption, exportOutOption };
dashboardsExport.SetAction(result => Run(() => SocarDataLake.Cli.Dashboards.DashboardExport.Run(result.GetValue(exportDashboardsOption), result.GetValue(datasetsOption), result.GetValue(exportOutOption))));
var dashboards = new Command("dashboards", "The dashboards as code (dashboards/*.json) outside the console") { dashboardsExport };

foreach (var sub in new[] { init, ingest, process, streamCsv, stream, status, catalog, runs, quarantine, query, serve, plan, demo, simulate, redrive, dashboards }) command.Subcommands.Add(sub);

var parsed = command.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"lake: {error.Message}");
    Console.Error.WriteLine("Run 'lake --help' for usage.");
    return 2;
}
// A signal cancels the verb's token through Interruptible (Stop above), never through System.CommandLine's.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

CancellationToken Interruptible(CancellationToken invocation) => CancellationTokenSource.CreateLinkedTokenSource(invocation, interrupted.Token).Token;

string Root(ParseResult result) => LakeRoot.DefaultPath(result.GetValue(rootOption));

AwsOptions Aws(ParseResult result, Option<bool>? aws = null)
{
    var options = new AwsOptions(result.GetValue(profileOption), result.GetValue(regionOption), result.GetValue(bucketOption), result.GetValue(streamOption), result.GetValue(kmsKeyOption));
    var given = new[] { ("--profile", options.Profile), ("--region", options.Region), ("--bucket", options.Bucket), ("--stream", options.Stream), ("--kms-key", options.KmsKey) }.Where(o => o.Item2 is not null).Select(o => o.Item1).ToList();
    if (!result.GetValue(aws ?? awsOption) && given.Count > 0)
        throw new LakeException($"{string.Join(", ", given)} only apply with --aws; without it the local lake at {Root(result)} is used.");
    return options;
}

// Whether a view verb reads AWS; its AWS-only options are refused without --aws rather than silently ignored.
bool AwsView(ParseResult result, Option<bool> aws, (string Name, string? Value)[] awsOnly)
{
    if (result.GetValue(aws)) return true;
    var given = awsOnly.Append(("--outputs", result.GetValue(outputsOption))).Where(o => o.Item2 is not null).Select(o => o.Item1).ToList();
    if (given.Count > 0) throw new LakeException($"{string.Join(", ", given)} only apply with --aws; without it the local lake at {Root(result)} is shown.");
    Aws(result, aws);
    return false;
}

StreamTarget StreamTo(ParseResult result)
{
    var aws = result.GetValue(awsOption);
    var size = result.GetValue(bufferSizeOption);
    var interval = result.GetValue(bufferIntervalOption);
    if (aws && (size is not null || interval is not null))
        throw new LakeException("--buffer-size and --buffer-interval shape the local stream; on AWS the Firehose delivery stream's buffering hints apply (terraform module streaming).");
    return new StreamTarget(Root(result), aws, Aws(result), size, interval);
}

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
    catch (Exception e) when (e is StreamDeliveryException or SocarDataLake.Aws.AwsAnswerException)
    {
        Console.Error.WriteLine($"lake: {e.Message}");
        return 1;
    }
    catch (OperationCanceledException) when (StopSignal.Stopped)
    {
        // A verb with nothing of its own to report (an AWS view waiting on a call) still says what stopped it.
        Console.Error.WriteLine($"lake: stopped by {StopSignal.Name}.");
        return StopSignal.ExitCode;
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        Console.Error.WriteLine($"lake: failed: {e.GetType().Name}: {e.Message}");
        if (Environment.GetEnvironmentVariable("LAKE_DEBUG") == "1") Console.Error.WriteLine(e);
        else Console.Error.WriteLine("Set LAKE_DEBUG=1 to see where it failed.");
        return 1;
    }
}
