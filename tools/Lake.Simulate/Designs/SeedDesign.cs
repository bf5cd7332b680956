using SocarDataLake.Core.Events;
using SocarDataLake.Simulate.Aws;
using SocarDataLake.Simulate.Plan;

namespace SocarDataLake.Simulate.Designs;

/// <summary>
/// The original seed design: every S3 ObjectCreated event invokes glue-trigger asynchronously (a crawl per
/// object, no queue), a crawler success invokes etl-trigger (a job run per crawl), and every retry setting is
/// AWS's default: Lambda's two asynchronous retries and 6-hour event age with no on-failure destination,
/// EventBridge's 185 attempts over 24 hours with no DLQ, one concurrent run and no retries per Glue job.
/// Function timeouts, memory and Glue workers stay the plan's, so the comparison is about orchestration.
/// </summary>
public sealed class SeedDesign : IOrchestrationDesign
{
    private const string SeedNote = "seed design: AWS default";

    public string Name => "seed";

    public string Description => "original design: S3 → glue-trigger (async, per object) → crawl; crawl Succeeded → etl-trigger (async) → job run; AWS default retries";

    public LakeSettings Settings(LakeSettings plan)
    {
        LambdaSettings Defaults(LambdaSettings fn) => fn with
        {
            AsyncMaximumRetryAttempts = new Setting<int>(2, SettingOrigin.Design, $"{SeedNote} (Configuring error handling for asynchronous invocation: 2 retries)"),
            AsyncMaximumEventAgeSeconds = new Setting<double>(21600, SettingOrigin.Design, $"{SeedNote} (6 hours)"),
            AsyncOnFailureDestination = new Setting<bool>(false, SettingOrigin.Design, $"{SeedNote} (no destination)"),
        };
        EventTargetSettings DefaultRetry(EventTargetSettings target) => target with
        {
            MaximumRetryAttempts = new Setting<int>(185, SettingOrigin.Design, $"{SeedNote} (How EventBridge retries delivering events)"),
            MaximumEventAgeSeconds = new Setting<double>(86400, SettingOrigin.Design, $"{SeedNote} (24 hours)"),
            DeadLetterQueue = new Setting<bool>(false, SettingOrigin.Design, $"{SeedNote} (no DLQ)"),
        };
        return plan with
        {
            GlueTrigger = Defaults(plan.GlueTrigger),
            EtlTrigger = Defaults(plan.EtlTrigger),
            OpsNotifier = Defaults(plan.OpsNotifier),
            CrawlerSucceededTarget = DefaultRetry(plan.CrawlerSucceededTarget),
            JobFinishedTarget = DefaultRetry(plan.JobFinishedTarget),
            JobMaxConcurrentRuns = new Setting<int>(1, SettingOrigin.Design, $"{SeedNote} (ExecutionProperty: MaxConcurrentRuns 1)"),
            JobMaxRetries = new Setting<int>(0, SettingOrigin.Design, $"{SeedNote} (MaxRetries 0)"),
            JobRunQueuing = new Setting<bool>(false, SettingOrigin.Design, $"{SeedNote} (no job run queuing)"),
            JobCommitsThroughLedger = new Setting<bool>(false, SettingOrigin.Design, "seed design: Glue job bookmarks (a failed run's partial output stays)"),
        };
    }

    public IEnumerable<SettingLine> Describe(LakeSettings settings) =>
        settings.Describe().Where(line => !line.Name.StartsWith("SQS", StringComparison.Ordinal) && !line.Name.StartsWith("event source", StringComparison.Ordinal));

    public void Wire(SimulatedLake lake)
    {
        var s = lake.Settings;
        // The seed had no DLQ; the handler's rejections of poison keys are still counted, separately.
        var rejected = lake.Queue("rejected-keys", 30, 14 * 86400);
        DeadLetterAccounting.Watch(rejected, lake.Ledger);
        var handler = lake.GlueTriggerHandler(new SimulatedDeadLetters(rejected));
        var messages = 0;
        var glueTrigger = lake.Async(s.GlueTrigger, body =>
        {
            // The seed's function took the S3 event itself; the handler takes it as a one-message batch, and
            // any message it could not finish is the seed's exception: a function error, retried by Lambda.
            var batch = new SqsEvent { Records = [new SqsMessage { MessageId = $"s3-event-{messages++}", Body = body }] };
            return SimulatedLake.Await(handler.HandleAsync(batch, CancellationToken.None)).Response.BatchItemFailures.Count == 0;
        });
        lake.Bucket.Notify(body => glueTrigger.Invoke(body));

        var etlTrigger = lake.Async(s.EtlTrigger, lake.EtlTriggerInvocation());
        var opsNotifier = lake.Async(s.OpsNotifier, _ => true);
        lake.Bus.AddRule(s.CrawlerSucceededTarget, payload => etlTrigger.Invoke(payload));
        lake.Bus.AddRule(s.JobFinishedTarget, payload => opsNotifier.Invoke(payload));
    }
}
