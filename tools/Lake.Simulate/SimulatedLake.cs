using SocarDataLake.Core.Events;
using SocarDataLake.Core.Orchestration;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Triggers;
using SocarDataLake.Simulate.Aws;
using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Plan;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate;

/// <summary>
/// The simulated AWS account of one run: the clock, the services every design shares (raw bucket, bus,
/// Glue crawlers and jobs) and factories for the parts a design wires (queues, functions, asynchronous
/// invokes), plus the real trigger handlers bound to the simulated ports.
/// </summary>
public sealed class SimulatedLake
{
    public static readonly DateTimeOffset Epoch = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public SimulatedLake(LakeSettings settings, SimulationOptions options)
    {
        Settings = settings;
        Random = new RandomStreams(options.Seed);
        Faults = new Faults(options.FaultRates, Random);
        Ledger = new WorkLedger { KeepLog = options.KeepLog };
        Bucket = new S3RawBucket(Scheduler, Random, Faults, Ledger, Epoch);
        Bus = new EventBus(Scheduler, Random, Faults, Ledger);
        GlueEvents = new GlueEvents(Scheduler, Random, Faults, Bus, Epoch);
        Crawlers = new GlueCrawlers(Scheduler, Random, Faults, Ledger, GlueEvents, settings.CrawlerPrefix, options.CrawlerMinutes, Epoch);
        Jobs = new GlueJobs(Scheduler, Random, Faults, Ledger, GlueEvents, settings, options.JobMinutes);
        StateTable = new DynamoDbStateTable(Faults, Ledger);
        Clock = new SimulatedClock(Scheduler, Epoch);
    }

    public Scheduler Scheduler { get; } = new();
    public RandomStreams Random { get; }
    public Faults Faults { get; }
    public WorkLedger Ledger { get; }
    public LakeSettings Settings { get; }
    public S3RawBucket Bucket { get; }
    public EventBus Bus { get; }
    public GlueEvents GlueEvents { get; }
    public GlueCrawlers Crawlers { get; }
    public GlueJobs Jobs { get; }
    public DynamoDbStateTable StateTable { get; }
    public TimeProvider Clock { get; }

    /// <summary>The queues a design created, by name (for tests and the report).</summary>
    public Dictionary<string, SqsQueue> Queues { get; } = new(StringComparer.Ordinal);

    /// <summary>The asynchronously invoked functions a design created, by function name.</summary>
    public Dictionary<string, AsyncInvocations> AsyncFunctions { get; } = new(StringComparer.Ordinal);

    public List<LambdaFunction> Functions { get; } = [];

    public SqsQueue Queue(string name, double visibilityTimeoutSeconds, double retentionSeconds, int? maxReceiveCount = null, SqsQueue? deadLetterQueue = null) =>
        Queues[name] = new SqsQueue(Scheduler, Faults, Ledger, name, visibilityTimeoutSeconds, retentionSeconds, maxReceiveCount, deadLetterQueue);

    /// <summary>A queue as the plan sets it up, redriving to the given dead-letter queue.</summary>
    public SqsQueue Queue(string name, QueueSettings settings, SqsQueue deadLetterQueue) =>
        Queue(name, settings.VisibilityTimeoutSeconds.Value, settings.MessageRetentionSeconds.Value, settings.MaxReceiveCount.Value, deadLetterQueue);

    /// <summary>The function reading the queue through an event source mapping as the plan sets it up.</summary>
    public void ReadBy(SqsQueue queue, QueueSettings settings, LambdaSettings function, Func<SqsEvent, SqsBatchResponse> handler) =>
        _ = new SqsEventSourceMapping(Scheduler, queue, Function(function), settings.BatchSize.Value, settings.BatchingWindowSeconds.Value,
            settings.MaximumConcurrency.Value, handler);

    public LambdaFunction Function(LambdaSettings settings)
    {
        var function = new LambdaFunction(Scheduler, Random, Faults, Ledger, settings);
        Functions.Add(function);
        return function;
    }

    public AsyncInvocations Async(LambdaSettings settings, Func<string, bool> handler) =>
        AsyncFunctions[settings.Name] = new AsyncInvocations(Scheduler, Random, Faults, Ledger, Function(settings), handler);

    /// <summary>The real glue-trigger handler over the simulated crawler and the given dead-letter queue.</summary>
    public GlueTriggerHandler GlueTriggerHandler(IDeadLetters deadLetters) =>
        new(Settings.Datasets.ToHashSet(StringComparer.Ordinal), new SimulatedCrawler(Crawlers), deadLetters);

    /// <summary>
    /// The real reconciler over the simulated state table and Glue: the crawl half alone (glue-trigger) or both
    /// halves (etl-trigger), with etl-trigger's coalescing knobs from the settings.
    /// </summary>
    public Reconciler Reconciler(bool withJobs)
    {
        var r = Settings.ReconcileOrSpec;
        var crawler = new SimulatedCrawler(Crawlers);
        var jobs = new SimulatedJobRunner(Jobs);
        return new Reconciler(
            StateTable,
            new CrawlHalf(crawler, crawler, TimeSpan.FromSeconds(r.MinCrawlIntervalSeconds.Value)),
            withJobs ? new JobHalf(jobs, jobs, Settings.JobPrefix, Settings.PlanUris, TimeSpan.FromSeconds(r.MinJobIntervalSeconds.Value), r.JobWaitsForCrawl.Value) : null,
            Clock);
    }

    /// <summary>
    /// The real etl-trigger handler as its Lambda runs it: the payload deserialized exactly as Function.cs
    /// does, and an exception (RetryLaterException on ConcurrentRunsExceeded) becomes a function error.
    /// </summary>
    public Func<string, bool> EtlTriggerInvocation()
    {
        var handler = new EtlTriggerHandler(Settings.CrawlerPrefix, Settings.PlanUris, new SimulatedJobRunner(Jobs));
        return payload =>
        {
            var change = System.Text.Json.JsonSerializer.Deserialize(payload, EventJsonContext.Default.EventBridgeEventGlueCrawlerStateChange)
                ?? throw new System.Text.Json.JsonException("The event is not an EventBridge event (null).");
            var outcome = Await(handler.HandleAsync(change, CancellationToken.None));
            Ledger.Note(Scheduler.Now, $"etl-trigger: {outcome.Action} {outcome.Subject} {outcome.Detail}");
            return true;
        };
    }

    /// <summary>The handlers' awaits on simulated ports finish synchronously; anything else is a model bug.</summary>
    public static T Await<T>(Task<T> task)
    {
        if (!task.IsCompleted) throw new InvalidOperationException("A handler awaited something the simulation does not complete synchronously.");
        return task.GetAwaiter().GetResult();
    }
}
