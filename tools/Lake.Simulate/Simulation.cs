using System.Diagnostics;
using System.Globalization;
using SocarDataLake.Simulate.Aws;
using SocarDataLake.Simulate.Designs;
using SocarDataLake.Simulate.Plan;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate;

/// <summary>Runs one design over one workload and counts what became of every raw object.</summary>
public static class Simulation
{
    public static SimulationResult Run(LakeSettings plan, IOrchestrationDesign design, SimulationOptions options, Prices prices)
    {
        var clock = Stopwatch.StartNew();
        var settings = design.Settings(plan);
        var lake = new SimulatedLake(settings, options);
        design.Wire(lake);

        var horizon = options.Hours * 3600;
        var workload = new Workload(lake.Scheduler, lake.Random, lake.Faults, lake.Bucket, SimulatedLake.Epoch);
        var uploadDataset = settings.Datasets.FirstOrDefault(d => !settings.StreamedDatasets.Contains(d)) ?? settings.Datasets[0];
        var streamDataset = settings.StreamedDatasets.Count > 0 ? settings.StreamedDatasets[0] : settings.Datasets[0];
        workload.Uploads(uploadDataset, options.UploadsPerHour, horizon);
        workload.Bursts(uploadDataset, options.Bursts.Where(b => b.Minute * 60 < horizon));
        var firehose = new Firehose(lake.Scheduler, lake.Random, lake.Bucket, SimulatedLake.Epoch, settings.JobPrefix + streamDataset, streamDataset,
            settings.FirehoseBufferSizeMiB.Value, settings.FirehoseBufferIntervalSeconds.Value);
        firehose.Stream(options.StreamRecordsPerSecond, horizon);

        lake.Scheduler.RunUntil(horizon + options.DrainHours * 3600);
        var metrics = Measure(lake.Ledger, settings, options, prices);
        return new SimulationResult(design.Name, metrics, design.Describe(settings).ToList(), Notes(lake), lake, clock.Elapsed);
    }

    private static SimulationMetrics Measure(WorkLedger ledger, LakeSettings settings, SimulationOptions options, Prices prices)
    {
        var valid = ledger.Objects.Where(o => o.Valid).ToList();
        var latencies = valid.Where(o => o.QueryableAt is not null).Select(o => o.QueryableAt!.Value - o.LandedAt).Order().ToList();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Count) - 1, 0, latencies.Count - 1)];

        var crawlerDpuHours = ledger.CrawlerBilledSeconds * GlueCrawlers.DpusPerCrawl / 3600;
        var jobDpuHours = ledger.JobBilledDpuSeconds / 3600;
        var cost = crawlerDpuHours * prices["glue_crawler_dpu_hour"].Usd
            + jobDpuHours * prices["glue_job_dpu_hour"].Usd
            + ledger.LambdaInvocations * prices["lambda_request"].Usd
            + ledger.LambdaGbSeconds * prices["lambda_gb_second"].Usd
            + ledger.SqsRequests * prices["sqs_request"].Usd
            + ledger.DynamoDbReads * prices["dynamodb_read_request"].Usd
            + ledger.DynamoDbWrites * prices["dynamodb_write_request"].Usd;
        return new SimulationMetrics(
            valid.Count,
            valid.Count(o => o.WrittenBy.Count == 1),
            valid.Count(o => o.WrittenBy.Count >= 2),
            valid.Count(o => o.WrittenBy.Count == 0),
            // Objects, like every other count: a duplicated event of one object dead-lettered twice is one object.
            valid.Count(o => o.DeadLettered > 0),
            ledger.Objects.Count(o => !o.Valid && o.DeadLettered > 0),
            Math.Round(Percentile(0.50), 1),
            Math.Round(Percentile(0.95), 1),
            Math.Round(latencies.Count == 0 ? 0 : latencies[^1], 1),
            ledger.CrawlerRuns,
            Math.Round(crawlerDpuHours, 3),
            ledger.JobRuns,
            Math.Round(jobDpuHours, 3),
            ledger.LambdaInvocations,
            // The bill of the horizon and its drain, scaled to a day.
            Math.Round(cost * 24 / options.Hours, 2));
    }

    private static List<string> Notes(SimulatedLake lake)
    {
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"crawls refused with CrawlerRunningException: {lake.Crawlers.RefusedRunning}"),
            string.Create(CultureInfo.InvariantCulture, $"job starts refused with ConcurrentRunsExceededException: {lake.Jobs.RefusedConcurrent}"),
            string.Create(CultureInfo.InvariantCulture, $"asynchronous events discarded by Lambda (no on-failure destination): {lake.Ledger.AsyncEventsDiscarded}"),
        };
        foreach (var (name, queue) in lake.Queues)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"SQS {name}: {queue.Arrived.Count} messages"));
        if (lake.StateTable.Items.Count > 0)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"DynamoDB state table: {lake.Ledger.DynamoDbReads:N0} reads, {lake.Ledger.DynamoDbWrites:N0} writes ({lake.StateTable.ConditionsFailed} lost conditions, {lake.StateTable.Throttled} throttled); reconcile events dead-lettered: {lake.Ledger.ReconcileEventsDeadLettered}"));
        if (lake.GlueEvents.Lost > 0) notes.Add($"Glue events lost on the way to EventBridge: {lake.GlueEvents.Lost}");
        if (lake.Ledger.EventBridgeDeadLettered + lake.Ledger.EventBridgeDropped > 0)
            notes.Add($"EventBridge deliveries given up: {lake.Ledger.EventBridgeDeadLettered} to the events DLQ, {lake.Ledger.EventBridgeDropped} dropped");
        notes.Add($"simulated events: {lake.Scheduler.ActionsRun:N0}");
        return notes;
    }
}
