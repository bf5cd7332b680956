using System.Globalization;

namespace SocarDataLake.Simulate.Plan;

/// <summary>How one Lambda function is configured, including its asynchronous invocation settings.</summary>
public sealed record LambdaSettings(
    string Name,
    Setting<double> TimeoutSeconds,
    Setting<int> MemoryMb,
    Setting<int?> ReservedConcurrency,
    Setting<int> AsyncMaximumRetryAttempts,
    Setting<double> AsyncMaximumEventAgeSeconds,
    Setting<bool> AsyncOnFailureDestination);

/// <summary>An EventBridge rule's target: its retry policy and whether undeliverable events go to a DLQ.</summary>
public sealed record EventTargetSettings(
    string Rule,
    string DetailType,
    IReadOnlyList<string> States,
    string NamePrefix,
    Setting<int> MaximumRetryAttempts,
    Setting<double> MaximumEventAgeSeconds,
    Setting<bool> DeadLetterQueue);

/// <summary>Everything the simulation reads from the offline plan, each value with its origin.</summary>
public sealed record LakeSettings
{
    public required string PlanFile { get; init; }
    public required IReadOnlyList<string> Datasets { get; init; }
    public required IReadOnlyList<string> StreamedDatasets { get; init; }
    public required string CrawlerPrefix { get; init; }
    public required string JobPrefix { get; init; }
    public required IReadOnlyDictionary<string, string> PlanUris { get; init; }

    /// <summary>The ingest queue (S3 events) and glue-trigger's event source mapping on it.</summary>
    public required QueueSettings IngestQueue { get; init; }

    public required LambdaSettings GlueTrigger { get; init; }
    public required LambdaSettings EtlTrigger { get; init; }
    public required LambdaSettings OpsNotifier { get; init; }

    public required EventTargetSettings CrawlerSucceededTarget { get; init; }
    public required EventTargetSettings JobFinishedTarget { get; init; }

    public required Setting<int> JobMaxConcurrentRuns { get; init; }
    public required Setting<double> JobTimeoutMinutes { get; init; }
    public required Setting<int> JobMaxRetries { get; init; }
    public required Setting<string> JobWorkerType { get; init; }
    public required Setting<int> JobWorkers { get; init; }
    public required Setting<bool> JobRunQueuing { get; init; }

    /// <summary>
    /// True: the job commits through the lake's run ledger (glue-scripts, today); false: through Glue job
    /// bookmarks (the seed's job). Not a Terraform setting: it is what the deployed script does.
    /// </summary>
    public Setting<bool> JobCommitsThroughLedger { get; init; } =
        new(true, SettingOrigin.Design, "glue-scripts/README.md: output published only after the run record (the commit point)");

    /// <summary>Orchestration v2's queue, rules, sweep and knobs; null when the plan predates them (the spec's values apply).</summary>
    public ReconcileSettings? Reconcile { get; init; }

    public required Setting<double> FirehoseBufferSizeMiB { get; init; }
    public required Setting<double> FirehoseBufferIntervalSeconds { get; init; }

    /// <summary>DPUs per worker of a Glue worker type (AWS Glue worker types: G.1X = 1 DPU, G.2X = 2, ...).</summary>
    public double DpusPerWorker => JobWorkerType.Value switch
    {
        "G.025X" => 0.25,
        "G.2X" => 2,
        "G.4X" => 4,
        "G.8X" => 8,
        _ => 1,
    };

    /// <summary>The v2 settings: the plan's, or the spec's until the plan has them.</summary>
    public ReconcileSettings ReconcileOrSpec => Reconcile ?? ReconcileSettings.FromSpec(this);

    private static string F<T>(T value) => value switch
    {
        null => "unreserved",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static SettingLine L<T>(string name, Setting<T> s) => new(name, F(s.Value), s.Origin, s.Where);

    /// <summary>The settings of orchestration v2's reconcile path.</summary>
    public IEnumerable<SettingLine> DescribeReconcile()
    {
        var r = ReconcileOrSpec;
        yield return L("reconcile queue visibility timeout (s)", r.Queue.VisibilityTimeoutSeconds);
        yield return L("reconcile queue maxReceiveCount", r.Queue.MaxReceiveCount);
        yield return L("reconcile event source batch size", r.Queue.BatchSize);
        yield return L("reconcile event source batching window (s)", r.Queue.BatchingWindowSeconds);
        yield return L("reconcile event source maximum concurrency", r.Queue.MaximumConcurrency);
        foreach (var target in new[] { r.CrawlerFinishedTarget, r.JobFinishedTarget, r.CrawlerFailedTarget, r.SweepTarget })
        {
            yield return L($"rule {target.Rule}: retry attempts", target.MaximumRetryAttempts);
            yield return L($"rule {target.Rule}: maximum event age (s)", target.MaximumEventAgeSeconds);
            yield return L($"rule {target.Rule}: dead-letter queue", target.DeadLetterQueue);
        }
        yield return L("sweep every (min)", r.SweepMinutes);
        yield return L("etl-trigger LAKE_MIN_CRAWL_INTERVAL_SECONDS", r.MinCrawlIntervalSeconds);
        yield return L("etl-trigger LAKE_MIN_JOB_INTERVAL_SECONDS", r.MinJobIntervalSeconds);
        yield return L("etl-trigger LAKE_JOB_WAITS_FOR_CRAWL", r.JobWaitsForCrawl);
    }

    public IEnumerable<SettingLine> Describe()
    {
        yield return L("SQS visibility timeout (s)", IngestQueue.VisibilityTimeoutSeconds);
        yield return L("SQS maxReceiveCount", IngestQueue.MaxReceiveCount);
        yield return L("SQS message retention (s)", IngestQueue.MessageRetentionSeconds);
        yield return L("event source batch size", IngestQueue.BatchSize);
        yield return L("event source batching window (s)", IngestQueue.BatchingWindowSeconds);
        yield return L("event source maximum concurrency", IngestQueue.MaximumConcurrency);
        foreach (var fn in new[] { GlueTrigger, EtlTrigger, OpsNotifier })
        {
            yield return L($"{fn.Name} timeout (s)", fn.TimeoutSeconds);
            yield return L($"{fn.Name} memory (MB)", fn.MemoryMb);
            yield return L($"{fn.Name} reserved concurrency", fn.ReservedConcurrency);
            yield return L($"{fn.Name} async retry attempts", fn.AsyncMaximumRetryAttempts);
            yield return L($"{fn.Name} async maximum event age (s)", fn.AsyncMaximumEventAgeSeconds);
            yield return L($"{fn.Name} async on-failure destination", fn.AsyncOnFailureDestination);
        }
        foreach (var target in new[] { CrawlerSucceededTarget, JobFinishedTarget })
        {
            yield return L($"rule {target.Rule}: retry attempts", target.MaximumRetryAttempts);
            yield return L($"rule {target.Rule}: maximum event age (s)", target.MaximumEventAgeSeconds);
            yield return L($"rule {target.Rule}: dead-letter queue", target.DeadLetterQueue);
        }
        yield return L("Glue job max concurrent runs", JobMaxConcurrentRuns);
        yield return L("Glue job run queuing", JobRunQueuing);
        yield return L("Glue job timeout (min)", JobTimeoutMinutes);
        yield return L("Glue job max retries", JobMaxRetries);
        yield return L("Glue job worker type", JobWorkerType);
        yield return L("Glue job workers", JobWorkers);
        yield return L("Glue job commits through the run ledger", JobCommitsThroughLedger);
        yield return L("Firehose buffer size (MiB)", FirehoseBufferSizeMiB);
        yield return L("Firehose buffer interval (s)", FirehoseBufferIntervalSeconds);
    }
}
