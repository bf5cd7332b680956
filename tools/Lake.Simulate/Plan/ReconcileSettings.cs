namespace SocarDataLake.Simulate.Plan;

/// <summary>
/// What orchestration v2 adds (docs: orchestration-v2.md; Terraform module orchestration): the reconcile queue
/// and its event source mapping to etl-trigger, the rules that feed it, the sweep, and etl-trigger's coalescing
/// knobs. Read from the plan where it has them; otherwise the design's values, marked as such.
/// </summary>
public sealed record ReconcileSettings
{
    /// <summary>The reconcile queue and etl-trigger's event source mapping on it.</summary>
    public required QueueSettings Queue { get; init; }

    /// <summary>Rule crawler-finished (Succeeded, Failed) → the reconcile queue.</summary>
    public required EventTargetSettings CrawlerFinishedTarget { get; init; }

    /// <summary>Rule job-finished (terminal states) → the reconcile queue (and ops-notifier).</summary>
    public required EventTargetSettings JobFinishedTarget { get; init; }

    /// <summary>Rule crawler-failed → ops-notifier.</summary>
    public required EventTargetSettings CrawlerFailedTarget { get; init; }

    /// <summary>Rule sweep (rate(N minutes)) → the reconcile queue.</summary>
    public required EventTargetSettings SweepTarget { get; init; }

    public required Setting<double> SweepMinutes { get; init; }
    public required Setting<double> MinCrawlIntervalSeconds { get; init; }
    public required Setting<double> MinJobIntervalSeconds { get; init; }

    /// <summary>etl-trigger's LAKE_JOB_WAITS_FOR_CRAWL: false takes the crawl off the job's path.</summary>
    public required Setting<bool> JobWaitsForCrawl { get; init; }

    private const string Spec = "orchestration-v2.md (not in this plan yet)";

    /// <summary>The spec's values, for a plan made before the Terraform of v2.</summary>
    public static ReconcileSettings FromSpec(LakeSettings plan)
    {
        EventTargetSettings Target(string rule, string detailType, IReadOnlyList<string> states, string prefix) => new(
            rule, detailType, states, prefix,
            Setting.AwsDefault(185, "How EventBridge retries delivering events (default 185 attempts, 24 hours)"),
            Setting.AwsDefault(86400.0, "How EventBridge retries delivering events (default 185 attempts, 24 hours)"),
            new Setting<bool>(true, SettingOrigin.Design, Spec + ": the events DLQ"));
        return new ReconcileSettings
        {
            Queue = new QueueSettings
            {
                // Six times etl-trigger's timeout (Lambda parameters for Amazon SQS event source mappings).
                VisibilityTimeoutSeconds = new(6 * plan.EtlTrigger.TimeoutSeconds.Value, SettingOrigin.Design, Spec + ": 6 x etl-trigger timeout"),
                MaxReceiveCount = new(5, SettingOrigin.Design, Spec + ": redrive maxReceiveCount 5"),
                MessageRetentionSeconds = Setting.AwsDefault(345600.0, "Amazon SQS message retention (default 4 days)"),
                BatchSize = Setting.AwsDefault(10, "Lambda parameters for Amazon SQS event source mappings (BatchSize default 10)"),
                BatchingWindowSeconds = Setting.AwsDefault(0.0, "Lambda parameters for Amazon SQS event source mappings (window default 0)"),
                MaximumConcurrency = Setting.AwsDefault<int?>(null, "Configuring scaling behavior for SQS event source mappings (no maximum: up to 1,000)"),
            },
            CrawlerFinishedTarget = Target("crawler-finished", "Glue Crawler State Change", ["Succeeded", "Failed"], plan.CrawlerPrefix),
            JobFinishedTarget = Target("job-finished", "Glue Job State Change", ["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED", "ERROR"], plan.JobPrefix),
            CrawlerFailedTarget = Target("crawler-failed", "Glue Crawler State Change", ["Failed"], plan.CrawlerPrefix),
            SweepTarget = Target("sweep", "Scheduled Event", [], ""),
            SweepMinutes = new(5, SettingOrigin.Design, Spec + ": rate(5 minutes)"),
            MinCrawlIntervalSeconds = new(0, SettingOrigin.Design, Spec + ": LAKE_MIN_CRAWL_INTERVAL_SECONDS default 0"),
            MinJobIntervalSeconds = new(0, SettingOrigin.Design, Spec + ": LAKE_MIN_JOB_INTERVAL_SECONDS default 0"),
            JobWaitsForCrawl = new(true, SettingOrigin.Design, Spec + ": LAKE_JOB_WAITS_FOR_CRAWL default true"),
        };
    }
}
