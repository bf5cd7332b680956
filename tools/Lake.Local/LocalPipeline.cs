using System.Globalization;
using System.Text.Json;
using SocarDataLake.Core;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Triggers;
using SocarDataLake.Core.Typing;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

public sealed record IngestedObject(string Source, string Key, long Bytes, bool Skipped, string Note);

/// <summary>
/// The event path of ARCHITECTURE §1 in one process: an ingested object raises an S3 ObjectCreated
/// notification inside an SQS message → glue-trigger's handler → local crawl → "Glue Crawler State
/// Change" → etl-trigger's handler → local ETL → "Glue Job State Change" → ops-notifier's handler. The
/// handlers are the Lambdas' own classes; only the adapters differ. Retries and dead letters follow the
/// AWS rules: a message is received at most <see cref="MaxReceives"/> times, then dead-lettered.
/// </summary>
public sealed class LocalPipeline
{
    public const string Prefix = "lake-local-";
    public const int MaxReceives = 5;
    private readonly LakeRoot _root;
    private readonly CatalogStore _catalog;
    private readonly LocalObjectStore _store;
    private readonly TextWriter _console;
    private readonly Action<string> _progress;
    private readonly LocalDeadLetters _deadLetters;
    private readonly GlueTriggerHandler _glueTrigger;
    private readonly IReadOnlyDictionary<string, string> _planUris;
    private readonly EtlEngine _engine;
    private readonly OpsNotifierHandler _opsNotifier;
    private readonly Queue<(SqsMessage Message, int Receives)> _queue = new();
    private readonly TimeSpan _retryDelay;
    private readonly TimeProvider _clock;

    public List<RunSummary> Runs { get; } = [];

    /// <summary>What this pipeline put into (or found in) the raw zone so far, to report on an interruption.</summary>
    public List<IngestedObject> Landed { get; } = [];

    internal EtlEngine Engine => _engine;

    public LocalPipeline(LakeRoot root, TextWriter console, TimeProvider clock, Action<string>? progress = null, TimeSpan? retryDelay = null, string memoryLimit = EtlEngine.DefaultMemoryLimit, bool readerTyping = true)
    {
        _root = root;
        _clock = clock;
        _catalog = new CatalogStore(root);
        _store = new LocalObjectStore(root);
        _console = console;
        _progress = progress ?? (_ => { });
        _retryDelay = retryDelay ?? TimeSpan.FromSeconds(1);
        _deadLetters = new LocalDeadLetters(root, console, clock);
        var datasets = root.Contracts().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        _engine = new EtlEngine(root, _catalog, new DuckDbTypingPlanRenderer(), clock, _progress, memoryLimit, readerTyping);
        _glueTrigger = new GlueTriggerHandler(datasets, new Crawler(this), _deadLetters);
        _planUris = datasets.ToDictionary(d => d, d => new Uri(Path.Combine(root.Datasets, d + ".json")).AbsoluteUri);
        _opsNotifier = new OpsNotifierHandler(Prefix, _store, new LocalNotifier(root, console, clock), (_, run) => $"lake runs  (run {run}; quarantine: lake quarantine)");
    }

    /// <summary>
    /// Lands files in the raw zone (atomically, once per content) and queues their S3 events. Content that
    /// landed before but was never committed (a killed or failed run, --no-wait) is queued again, so re-running
    /// the same command finishes the work. New objects land under today's (UTC) ingest date.
    /// </summary>
    public Task<IReadOnlyList<IngestedObject>> IngestAsync(IReadOnlyList<string> files, string dataset, CancellationToken cancellationToken) =>
        IngestAsync(files, dataset, null, cancellationToken);

    /// <summary>As <see cref="IngestAsync(IReadOnlyList{string}, string, CancellationToken)"/>, new objects landing under <paramref name="ingestDate"/> when given.</summary>
    public async Task<IReadOnlyList<IngestedObject>> IngestAsync(IReadOnlyList<string> files, string dataset, DateOnly? ingestDate, CancellationToken cancellationToken)
    {
        _root.Contract(dataset);
        var names = files.Select(f => InputFile.Require(f, dataset)).ToList();
        StagedFile.SweepLeftovers(_root, _clock);
        var landing = new RawLanding(_root, _catalog, _progress);
        var today = ingestDate ?? Today();
        var results = new List<IngestedObject>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var landed = await landing.LandAsync(file, names[i], dataset, today, cancellationToken);
            var bytes = new FileInfo(file).Length;
            var result = landed.Outcome switch
            {
                LandingOutcome.Committed => new IngestedObject(file, landed.Key, bytes, true, $"already ingested as {landed.Key} and processed: skipped"),
                LandingOutcome.Pending => new IngestedObject(file, landed.Key, bytes, false, $"landed earlier as {landed.Key} but not processed yet: processing it now"),
                _ => new IngestedObject(file, landed.Key, bytes, false, "landed"),
            };
            results.Add(result);
            Landed.Add(result);
            if (landed.Outcome != LandingOutcome.Committed) _queue.Enqueue((ObjectCreatedMessage(landed.Key, bytes), 0));
        }
        return results;
    }

    /// <summary>Queues an event for every raw object of the dataset that no committed run has processed.</summary>
    public IReadOnlyList<string> QueuePending(string dataset)
    {
        _root.Contract(dataset);
        var pending = _catalog.Pending(dataset);
        foreach (var key in pending) _queue.Enqueue((ObjectCreatedMessage(key, new FileInfo(_root.FileOf(new ObjectRef(Zone.Raw, key))).Length), 0));
        return pending;
    }

    /// <summary>
    /// Lands one object held in memory (a stream buffer's flush) at <c>&lt;dataset&gt;/ingest_date=&lt;today&gt;/&lt;name&gt;</c>
    /// and queues its S3 event. Unlike <see cref="IngestAsync"/> there is no content de-duplication: like
    /// Firehose, two flushes that happen to hold the same records are two deliveries.
    /// </summary>
    public async Task<IngestedObject> LandAsync(string dataset, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var key = RawKey.For(dataset, Today(), name);
        if (File.Exists(_root.FileOf(new ObjectRef(Zone.Raw, key.Key))))
            throw new LakeException($"raw/{key.Key} already exists: a landed object is never overwritten.");
        await using (var source = new MemoryStream(content.ToArray(), writable: false))
            await _store.PutAsync(new ObjectRef(Zone.Raw, key.Key), source, cancellationToken);
        _queue.Enqueue((ObjectCreatedMessage(key.Key, content.Length), 0));
        return new IngestedObject(name, key.Key, content.Length, false, "landed");
    }

    /// <summary>Delivers queued events until the queue is empty, retrying and dead-lettering as SQS would.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (_queue.Count > 0)
        {
            var batch = new List<(SqsMessage Message, int Receives)>();
            while (_queue.Count > 0 && batch.Count < 10) batch.Add(_queue.Dequeue());
            var received = batch.Select(b => (Message: b.Message with { Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = (b.Receives + 1).ToString(CultureInfo.InvariantCulture) } }, Receives: b.Receives + 1)).ToList();
            var result = await _glueTrigger.HandleAsync(new SqsEvent { Records = received.Select(r => r.Message).ToList() }, cancellationToken);
            var failed = result.Response.BatchItemFailures.Select(f => f.ItemIdentifier).ToHashSet(StringComparer.Ordinal);
            foreach (var (message, receives) in received.Where(r => failed.Contains(r.Message.MessageId)))
            {
                if (receives >= MaxReceives)
                    await _deadLetters.SendAsync(new DeadLetter("ingest-queue", message.Body, $"not processed after {receives} receives (the dataset's crawl or job stayed busy)"), cancellationToken);
                else
                    _queue.Enqueue((message, receives));
            }
            if (_queue.Count > 0 && failed.Count > 0) await Task.Delay(_retryDelay, _clock, cancellationToken);
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private void Waiting(string dataset, string what) =>
        _console.WriteLine($"{dataset}: another process is running the dataset's {what}; waiting for it to finish (work is delayed, not lost).");

    private SqsMessage ObjectCreatedMessage(string key, long size)
    {
        var encoded = string.Join("/", key.Split('/').Select(s => Uri.EscapeDataString(s).Replace("%20", "+", StringComparison.Ordinal)));
        var notification = new S3EventNotification
        {
            Records =
            [
                new S3EventRecord
                {
                    EventVersion = "2.1", EventSource = "aws:s3", AwsRegion = "local", EventTime = _clock.GetUtcNow(), EventName = "ObjectCreated:Put",
                    S3 = new S3Entity { Bucket = new S3Bucket { Name = "raw", Arn = "arn:aws:s3:::raw" }, S3Object = new S3Object { Key = encoded, Size = size } },
                },
            ],
        };
        return new SqsMessage
        {
            MessageId = Guid.NewGuid().ToString(),
            Body = JsonSerializer.Serialize(notification, EventJsonContext.Default.S3EventNotification),
            EventSource = "aws:sqs",
        };
    }

    /// <summary>
    /// ICrawler: crawls now, then raises "Glue Crawler State Change" for etl-trigger (retried like EventBridge).
    /// The job that event starts reports the drift this crawl found, so etl-trigger gets a job runner holding it.
    /// </summary>
    private sealed class Crawler(LocalPipeline pipeline) : ICrawler
    {
        public async Task<CrawlStart> StartCrawlAsync(string dataset, CancellationToken cancellationToken)
        {
            IReadOnlyList<string> drift;
            // Another process's crawl delays this one; giving up after a few retries would strand the objects.
            using (await DatasetLock.TakeAsync(pipeline._root, dataset, "crawl", () => pipeline.Waiting(dataset, "crawl"), cancellationToken))
            {
                pipeline._progress($"{dataset}: crawling raw objects");
                drift = new LocalCrawler(pipeline._root, pipeline._catalog, pipeline._clock).Crawl(dataset);
                foreach (var found in drift) pipeline._console.WriteLine($"schema drift in {dataset}: {found}");
            }
            var etlTrigger = new EtlTriggerHandler(Prefix, pipeline._planUris, new JobRunner(pipeline, drift));
            var change = new EventBridgeEvent<GlueCrawlerStateChange>
            {
                DetailType = "Glue Crawler State Change", Source = "aws.glue", Time = pipeline._clock.GetUtcNow(),
                Detail = new GlueCrawlerStateChange { CrawlerName = Prefix + dataset, State = "Succeeded", Message = "Crawler Succeeded" },
            };
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await etlTrigger.HandleAsync(change, cancellationToken);
                    return CrawlStart.Started;
                }
                catch (RetryLaterException e) when (attempt < 3)
                {
                    pipeline._console.WriteLine($"{e.Message} (attempt {attempt})");
                    await Task.Delay(pipeline._retryDelay * attempt, pipeline._clock, cancellationToken);
                }
                catch (RetryLaterException e)
                {
                    await pipeline._deadLetters.SendAsync(new DeadLetter("etl-trigger", JsonSerializer.Serialize(change, EventJsonContext.Default.EventBridgeEventGlueCrawlerStateChange), e.Message), cancellationToken);
                    return CrawlStart.Started;
                }
            }
        }
    }

    /// <summary>IJobRunner: runs the ETL now, reporting the drift of the crawl that started it, then raises "Glue Job State Change" for ops-notifier.</summary>
    private sealed class JobRunner(LocalPipeline pipeline, IReadOnlyList<string> drift) : IJobRunner
    {
        public async Task<JobStart> StartJobAsync(string dataset, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
        {
            var runId = EtlEngine.NewRunId(pipeline._clock);
            string state;
            string? message = null;
            // A job run of another process delays this one, never strands its objects: wait for it, then take what
            // it left pending (nothing, often, as it lists pending objects when it starts).
            using (await DatasetLock.TakeAsync(pipeline._root, dataset, "job", () => pipeline.Waiting(dataset, "ETL job"), cancellationToken))
            {
                if (pipeline._catalog.Pending(dataset).Count == 0) return new JobStart(JobStartStatus.Started, null);
                try
                {
                    var summary = pipeline._engine.Run(dataset, runId, drift, cancellationToken);
                    pipeline.Runs.Add(summary);
                    state = "SUCCEEDED";
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    state = "FAILED";
                    message = e.Message;
                    var now = pipeline._clock.GetUtcNow();
                    var failed = new RunSummary { Dataset = dataset, RunId = runId, State = state, StartedAt = now, FinishedAt = now, Error = e.Message };
                    pipeline._catalog.Commit(failed);
                    pipeline.Runs.Add(failed);
                }
            }
            var change = new EventBridgeEvent<GlueJobStateChange>
            {
                DetailType = "Glue Job State Change", Source = "aws.glue", Time = pipeline._clock.GetUtcNow(),
                Detail = new GlueJobStateChange { JobName = Prefix + dataset, JobRunId = runId, State = state, Message = message, Severity = state == "SUCCEEDED" ? "INFO" : "ERROR" },
            };
            await pipeline._opsNotifier.HandleAsync(change, cancellationToken);
            return new JobStart(JobStartStatus.Started, runId);
        }
    }
}
