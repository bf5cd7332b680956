using System.Globalization;
using SocarDataLake.Aws.Glue;
using SocarDataLake.Aws;
using SocarDataLake.AwsViews;
using SocarDataLake.Core.Quarantine;
using SocarDataLake.Core;
using SocarDataLake.Local;

namespace SocarDataLake.Cli.AwsViews;

/// <summary>
/// `lake status|runs|quarantine --aws`: what the local verbs show, read from the deployed lake (Glue, the processed
/// and quarantine buckets, SQS), with the same table columns where AWS has the data and the same exit codes: 0 when
/// the view was shown, 2 for a setting or dataset the user can fix, 1 when AWS could not be read.
/// </summary>
internal static class AwsViewCommands
{
    public static async Task<int> RunsAsync(AwsOptions options, string? outputs, string? dataset, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = AwsViewSettings.Resolve(options, outputs, null, dataset, AwsViewReads.Runs, Environment.GetEnvironmentVariable);
        var all = await ReadRunsAsync(settings, clock, cancellationToken);
        var runs = all.SelectMany(d => d.Runs).OrderBy(r => r.StartedAt ?? DateTimeOffset.MaxValue).ToList();
        Output.Table(LakeCommands.RunColumns, runs.Select(Row), $"runs (run summaries in s3://{settings.ProcessedBucket}/_runs/, Glue job runs)");
        foreach (var run in runs)
            if (run.Note() is { } note) Console.WriteLine($"{run.Dataset} run {run.RunId}: {note}");
        PrintUnread(all);
        return 0;
    }

    public static async Task<int> StatusAsync(AwsOptions options, string? outputs, string? database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = AwsViewSettings.Resolve(options, outputs, database, null, AwsViewReads.Runs | AwsViewReads.Catalog | AwsViewReads.Queues, Environment.GetEnvironmentVariable);
        using var http = new HttpClient();
        var catalog = new GlueCatalogReader(await GlueAsync(http, settings, clock), clock);
        IReadOnlyList<GlueTable> tables;
        try
        {
            tables = await catalog.TablesAsync(settings.Database!, cancellationToken);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "EntityNotFoundException")
        {
            throw new LakeException($"Glue has no database {settings.Database}: check --database, LAKE_DATABASE or the processed_database_name output you gave ({e.Message}).");
        }
        catch (AwsServiceException e)
        {
            throw AwsRefusal.Explain("Glue", $"GetTables of database {settings.Database}", $"glue:GetTables on the catalog, the database {settings.Database} and its tables", e);
        }
        var runs = await ReadRunsAsync(settings, clock, cancellationToken);
        var rows = new List<string[]>();
        foreach (var dataset in runs)
        {
            var table = tables.FirstOrDefault(t => t.Name == dataset.Dataset);
            var partitions = table is null ? "-"
                : table.PartitionKeys.Count == 0 ? "unpartitioned"
                : (await PartitionCountAsync(catalog, settings.Database!, table.Name, cancellationToken)).ToString("N0", CultureInfo.InvariantCulture);
            var summaries = dataset.Runs.Select(r => r.Summary).OfType<SocarDataLake.Core.Triggers.RunSummary>().ToList();
            var last = dataset.Runs.Count > 0 ? dataset.Runs[^1] : null;
            rows.Add(
            [
                dataset.Dataset, table is null ? "-" : $"{settings.Database}.{table.Name}", partitions,
                dataset.Runs.Count.ToString(CultureInfo.InvariantCulture), summaries.Sum(s => s.RowsOut).ToString("N0", CultureInfo.InvariantCulture),
                summaries.Sum(s => s.RowsQuarantined).ToString("N0", CultureInfo.InvariantCulture),
                last is null ? "-" : $"{last.State} {(last.EndedAt ?? last.StartedAt):yyyy-MM-dd HH:mm:ss}",
            ]);
        }
        Output.Table(["dataset", "processed table", "partitions", "runs", "rows out", "rows quarantined", "last run"], rows, $"AWS lake in {settings.Target.Region}: Glue database {settings.Database}, run summaries in s3://{settings.ProcessedBucket}/_runs/");
        foreach (var dataset in runs.Where(d => !tables.Any(t => t.Name == d.Dataset)))
            Console.WriteLine($"{dataset.Dataset}: no table {dataset.Dataset} in Glue database {settings.Database} (Terraform's catalog module creates it; was the environment applied?).");
        PrintUnread(runs);

        using var sqs = settings.Target.SqsClient();
        var queues = await QueueDepths.ReadAsync(sqs, settings.Queues!, cancellationToken);
        Output.Table(["queue", "messages", "in flight"], queues.Select(q => new[] { q.Name, q.Waiting.ToString("N0", CultureInfo.InvariantCulture), q.InFlight.ToString("N0", CultureInfo.InvariantCulture) }), "queues (approximate)");
        foreach (var queue in queues.Where(q => q.IsDeadLetter && q.Waiting + q.InFlight > 0))
            Console.WriteLine($"{queue.Name} holds {queue.Waiting + queue.InFlight:N0} message(s) that could not be processed: 'lake redrive --aws {queue.Name} --dry-run' says why, then 'lake redrive --aws {queue.Name}' sends them back after the fix.");
        return 0;
    }

    public static async Task<int> QuarantineAsync(AwsOptions options, string? outputs, string? dataset, CancellationToken cancellationToken)
    {
        var settings = AwsViewSettings.Resolve(options, outputs, null, dataset, AwsViewReads.Quarantine, Environment.GetEnvironmentVariable);
        using var s3 = settings.Target.S3Client();
        var objects = new QuarantineObjects(s3, settings.QuarantineBucket!);
        var reasons = new QuarantineGrouping();
        var reading = new QuarantineReading(QuarantineReading.DefaultCap);
        foreach (var name in settings.Datasets) await objects.ReadAsync(name, reasons, reading, cancellationToken);
        foreach (var problem in reading.NotRecords) Console.Error.WriteLine($"lake: skipped {problem}");
        if (reasons.IsEmpty)
        {
            Console.WriteLine("Nothing is quarantined.");
            return 0;
        }
        LakeCommands.PrintQuarantine(reasons.Groups(), $"quarantine (s3://{settings.QuarantineBucket}/<dataset>/run=<run>/)");
        if (reading.CutShort is not null || reading.Unread.Count > 0)
        {
            var cut = reading.CutShort is null ? "" : $"{reading.CutShort} was read in part; ";
            // Objects not read hold an unknown number of records: only their count and size are known.
            var unread = reading.Unread.Count == 0 ? "" : $"{reading.Unread.Count:N0} more object(s) of {ScanCost.Size(reading.UnreadBytes)} were not read (first: {reading.Unread[0]}), so how many records they hold is not known; ";
            var next = dataset is null
                ? "Name a dataset to see its own, or copy the objects (aws s3 cp --recursive)."
                : $"To count them all, copy the objects (aws s3 cp --recursive s3://{settings.QuarantineBucket}/{dataset}/ .).";
            Console.WriteLine($"Read the first {reading.Cap:N0} records (the cap) from {reading.Objects:N0} object(s): {cut}{unread}the counts above are of the records read. {next}");
        }
        return 0;
    }

    private static async Task<IReadOnlyList<DatasetRuns>> ReadRunsAsync(AwsViewSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var s3 = settings.Target.S3Client();
        var history = new RunHistory(s3, new GlueJobRunHistory(await GlueAsync(http, settings, clock), clock), settings.ProcessedBucket!);
        var all = new List<DatasetRuns>();
        foreach (var dataset in settings.Datasets) all.Add(await history.ReadAsync(dataset, settings.JobNames[dataset], cancellationToken));
        return all;
    }

    private static async Task<long> PartitionCountAsync(GlueCatalogReader catalog, string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            return await catalog.PartitionCountAsync(database, table, cancellationToken);
        }
        catch (AwsServiceException e)
        {
            throw AwsRefusal.Explain("Glue", $"GetPartitions of table {database}.{table}", $"glue:GetPartitions on the catalog, the database {database} and the table {table}", e);
        }
    }

    private static async Task<AwsJsonClient> GlueAsync(HttpClient http, AwsViewSettings settings, TimeProvider clock) =>
        AwsClients.Glue(http, await settings.Target.KeysAsync(), settings.Target.Region, clock, AwsClients.EndpointOverride(Environment.GetEnvironmentVariable, "GLUE"));

    // A run with a summary has the local row; Glue alone knows only its state and billed seconds.
    private static string[] Row(AwsRun run) => run.Summary is { } summary
        ? LakeCommands.RunRow(summary, blankLinesCounted: false)
        : [run.Dataset, run.RunId, run.State, "-", "-", "-", "-", "-", "-", run.Glue?.ExecutionSeconds is { } s ? s.ToString("F2", CultureInfo.InvariantCulture) : "-", "-"];

    private static void PrintUnread(IEnumerable<DatasetRuns> all)
    {
        foreach (var dataset in all)
        {
            foreach (var file in dataset.Ignored)
                Console.WriteLine($"{dataset.Dataset}: ignored {file}: not a run summary of this dataset (run summaries are written by the Glue job only).");
            if (dataset.OlderGlueRunsUnread)
                Console.WriteLine($"{dataset.Dataset}: Glue's history of {dataset.JobName} was read for its newest {RunHistory.GlueRunsRead:N0} runs; an older run without a run summary is not listed.");
        }
    }
}
