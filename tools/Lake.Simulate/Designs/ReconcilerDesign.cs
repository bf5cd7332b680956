using SocarDataLake.Core.Triggers;
using SocarDataLake.Simulate.Aws;
using SocarDataLake.Simulate.Plan;

namespace SocarDataLake.Simulate.Designs;

/// <summary>
/// Orchestration v2 (docs: orchestration-v2.md), the real handlers over a DynamoDB state item per dataset:
/// S3 ObjectCreated → SQS ingest queue (redrive to a DLQ) → event source mapping → glue-trigger, which counts
/// the arrival and reconciles the crawl half; "Glue Crawler State Change" (Succeeded, Failed), "Glue Job State
/// Change" (terminal states) and a scheduled sweep → EventBridge rules → the SQS reconcile queue (redrive to its
/// DLQ) → event source mapping (ReportBatchItemFailures) → etl-trigger, the reconciler. Failed crawls and
/// finished runs also go to ops-notifier. Settings from the plan, or the spec's until the plan has them.
/// </summary>
public sealed class ReconcilerDesign : IOrchestrationDesign
{
    public string Name => "current";

    public string Description => "orchestration v2: S3 → SQS → glue-trigger (count arrival, reconcile crawl); Glue events + sweep → EventBridge → SQS → etl-trigger (reconcile)";

    public LakeSettings Settings(LakeSettings plan) => plan;

    public IEnumerable<SettingLine> Describe(LakeSettings settings) =>
        // glue-trigger and etl-trigger are fed by queues here, so their asynchronous settings and the old rules do not apply.
        settings.Describe().Where(line => !(line.Name.Contains("async", StringComparison.Ordinal) && !line.Name.StartsWith("ops-notifier", StringComparison.Ordinal))
            && !line.Name.StartsWith("rule ", StringComparison.Ordinal))
            .Concat(settings.DescribeReconcile());

    public void Wire(SimulatedLake lake)
    {
        var s = lake.Settings;
        var r = s.ReconcileOrSpec;

        var deadLetters = lake.Queue("ingest-dlq", 30, 14 * 86400);
        DeadLetterAccounting.Watch(deadLetters, lake.Ledger);
        var ingest = lake.Queue("ingest", s.IngestQueue, deadLetters);
        lake.Bucket.Notify(body => ingest.Send(body));
        var glueTrigger = new RecordArrivalsHandler(s.Datasets.ToHashSet(StringComparer.Ordinal), lake.StateTable, lake.Reconciler(withJobs: false),
            new SimulatedDeadLetters(deadLetters));
        lake.ReadBy(ingest, s.IngestQueue, s.GlueTrigger, batch => SimulatedLake.Await(glueTrigger.HandleAsync(batch, CancellationToken.None)).Response);

        // A reconcile event in the DLQ is not work (the sweep redoes what it asked for), but it is counted.
        var reconcileDeadLetters = lake.Queue("reconcile-dlq", 30, 14 * 86400);
        reconcileDeadLetters.MessageArrived += _ => lake.Ledger.ReconcileEventsDeadLettered++;
        var reconcile = lake.Queue("reconcile", r.Queue, reconcileDeadLetters);
        var reconciler = lake.Reconciler(withJobs: true);
        var etlTrigger = new ReconcileHandler(s.PlanUris.Keys.Order(StringComparer.Ordinal).ToList(), s.CrawlerPrefix, s.JobPrefix, reconciler);
        lake.ReadBy(reconcile, r.Queue, s.EtlTrigger, batch => SimulatedLake.Await(etlTrigger.HandleAsync(batch, CancellationToken.None)).Response);
        lake.StateTable.Interleave = dataset => SimulatedLake.Await(reconciler.ReconcileAsync(dataset, CancellationToken.None));

        var opsNotifier = lake.Async(s.OpsNotifier, _ => true);
        lake.Bus.AddRule(r.CrawlerFinishedTarget, payload => reconcile.Send(payload));
        lake.Bus.AddRule(r.JobFinishedTarget, payload => reconcile.Send(payload));
        lake.Bus.AddRule(r.JobFinishedTarget, payload => opsNotifier.Invoke(payload));
        lake.Bus.AddRule(r.CrawlerFailedTarget, payload => opsNotifier.Invoke(payload));
        new ScheduledRule(lake.Scheduler, lake.Random, lake.Bus, r.SweepTarget, r.SweepMinutes.Value * 60, SimulatedLake.Epoch, payload => reconcile.Send(payload)).Start();
    }
}
