using SocarDataLake.Simulate.Aws;
using SocarDataLake.Simulate.Plan;

namespace SocarDataLake.Simulate.Designs;

/// <summary>
/// The wiring before orchestration v2 (issue 12's defects, kept to compare): S3 ObjectCreated → SQS ingest queue with
/// redrive to a DLQ → event source mapping (ReportBatchItemFailures) → glue-trigger → StartCrawler; "Glue
/// Crawler State Change" Succeeded → EventBridge rule → etl-trigger, invoked asynchronously → StartJobRun;
/// "Glue Job State Change" → ops-notifier. Every setting comes from the plan.
/// </summary>
public sealed class QueueRetryDesign : IOrchestrationDesign
{
    public string Name => "queue-retry";

    public string Description => "the wiring before v2: S3 → SQS (redrive to DLQ) → glue-trigger → crawl; crawl Succeeded → EventBridge → etl-trigger (async) → job run";

    public LakeSettings Settings(LakeSettings plan) => plan;

    public IEnumerable<SettingLine> Describe(LakeSettings settings) => settings.Describe();

    public void Wire(SimulatedLake lake)
    {
        var s = lake.Settings;
        // The DLQ's own visibility timeout never matters: nothing consumes it in the simulation.
        var deadLetters = lake.Queue("ingest-dlq", 30, 14 * 86400);
        DeadLetterAccounting.Watch(deadLetters, lake.Ledger);
        var queue = lake.Queue("ingest", s.IngestQueue, deadLetters);
        lake.Bucket.Notify(body => queue.Send(body));

        var glueTrigger = lake.GlueTriggerHandler(new SimulatedDeadLetters(deadLetters));
        lake.ReadBy(queue, s.IngestQueue, s.GlueTrigger, batch => SimulatedLake.Await(glueTrigger.HandleAsync(batch, CancellationToken.None)).Response);

        var etlTrigger = lake.Async(s.EtlTrigger, lake.EtlTriggerInvocation());
        var opsNotifier = lake.Async(s.OpsNotifier, _ => true);
        lake.Bus.AddRule(s.CrawlerSucceededTarget, payload => etlTrigger.Invoke(payload));
        lake.Bus.AddRule(s.JobFinishedTarget, payload => opsNotifier.Invoke(payload));
    }
}
