using SocarDataLake.Core.Events;
using SocarDataLake.Core.Orchestration;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Triggers;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>glue-trigger (arrivals + crawl half) and etl-trigger (the reconciler) on AWS-shaped SQS batches.</summary>
public sealed class OrchestrationHandlerTests
{
    private static readonly HashSet<string> Datasets = ["rides", "tripdata"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly MemoryStateStore store = new();
    private readonly FakeGlue glue = new();
    private readonly TestClock clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingDeadLetters deadLetters = new();

    private RecordArrivalsHandler GlueTrigger() =>
        new(Datasets, store, new Reconciler(store, new CrawlHalf(glue, glue, TimeSpan.Zero), null, clock), deadLetters);

    private ReconcileHandler EtlTrigger() => new(["rides", "tripdata"], "socar-lake-dev-", "socar-lake-dev-", new Reconciler(store,
        new CrawlHalf(glue, glue, TimeSpan.Zero),
        new JobHalf(glue, glue, "socar-lake-dev-", new Dictionary<string, string> { ["rides"] = "s3://a/rides.json", ["tripdata"] = "s3://a/tripdata.json" }, TimeSpan.Zero),
        clock));

    private static SqsEvent Batch(params SqsMessage[] messages) => new() { Records = messages };

    private static SqsMessage Event(string id, string body) => new() { MessageId = id, Body = body };

    private static string Crawler(string name, string state) =>
        Fixture.Read("eventbridge-crawler-succeeded.json").Replace("socar-lake-dev-tripdata", name, StringComparison.Ordinal)
            .Replace("\"state\": \"Succeeded\"", $"\"state\": \"{state}\"", StringComparison.Ordinal);

    private const string Sweep = """{"version":"0","id":"s-1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":"2026-12-01T10:05:00Z","region":"ap-south-1","resources":["arn:aws:events:ap-south-1:123456789012:rule/socar-lake-dev-sweep"],"detail":{}}""";

    [Fact]
    public async Task Glue_trigger_counts_one_arrival_per_dataset_per_batch_and_starts_the_crawl()
    {
        var result = await GlueTrigger().HandleAsync(Batch(
            Fixture.S3Message("m1", "tripdata/ingest_date%3D2026-12-01/a.csv"),
            Fixture.S3Message("m2", "tripdata/ingest_date%3D2026-12-01/b.csv"),
            Fixture.S3Message("m3", "rides/ingest_date%3D2026-12-01/c.json")), Ct);

        Assert.Empty(result.Response.BatchItemFailures);
        Assert.Equal((1L, 1L), (store.Items["tripdata"].Wanted, store.Items["rides"].Wanted));
        Assert.Equal(["rides", "tripdata"], glue.CrawlsStarted);
    }

    [Fact]
    public async Task Glue_trigger_never_returns_a_valid_message_because_a_crawl_runs()
    {
        await GlueTrigger().HandleAsync(Batch(Fixture.S3Message("m1", "tripdata/ingest_date%3D2026-12-01/a.csv")), Ct);
        glue.NextCrawlStart = CrawlStart.AlreadyRunning;

        var result = await GlueTrigger().HandleAsync(Batch(Fixture.S3Message("m2", "tripdata/ingest_date%3D2026-12-01/b.csv")), Ct);

        Assert.Empty(result.Response.BatchItemFailures);
        Assert.Equal((2L, 1L), (store.Items["tripdata"].Wanted, store.Items["tripdata"].CrawlCovers));
    }

    [Fact]
    public async Task Glue_trigger_returns_only_the_messages_whose_arrival_could_not_be_counted()
    {
        store.ThrottleArrivals = 1;

        var result = await GlueTrigger().HandleAsync(Batch(
            Fixture.S3Message("r1", "rides/ingest_date%3D2026-12-01/c.json"),
            Fixture.S3Message("t1", "tripdata/ingest_date%3D2026-12-01/a.csv")), Ct);

        Assert.Equal(["r1"], result.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(1L, store.Items["tripdata"].Wanted);
    }

    [Fact]
    public async Task Glue_trigger_keeps_a_counted_arrival_done_when_its_reconcile_loses_a_race_or_fails()
    {
        store.ThrottleWrites = 1;
        var raced = await GlueTrigger().HandleAsync(Batch(Fixture.S3Message("m1", "tripdata/ingest_date%3D2026-12-01/a.csv")), Ct);
        var failing = new RecordArrivalsHandler(Datasets, store, new Reconciler(store, new CrawlHalf(glue, new ThrowingStatus(), TimeSpan.Zero), null, clock), deadLetters);
        store.ConcurrentWrite("tripdata", s => s with { CrawlRunning = true });
        var failed = await failing.HandleAsync(Batch(Fixture.S3Message("m2", "tripdata/ingest_date%3D2026-12-01/b.csv")), Ct);

        Assert.Empty(raced.Response.BatchItemFailures);
        Assert.Empty(failed.Response.BatchItemFailures);
        Assert.Contains(failed.Outcomes, o => o.Action == "reconcile-deferred" && o.Detail.Contains("no route", StringComparison.Ordinal));
        Assert.Equal(2L, store.Items["tripdata"].Wanted);
    }

    private sealed class ThrowingStatus : ICrawlerStatusReader
    {
        public Task<CrawlerStatus> GetCrawlerAsync(string dataset, CancellationToken cancellationToken) => throw new HttpRequestException("no route to Glue");
    }

    [Fact]
    public async Task Glue_trigger_dead_letters_poison_with_its_reason_and_ignores_the_test_event()
    {
        var result = await GlueTrigger().HandleAsync(Batch(
            Fixture.S3Message("p1", "weather/ingest_date%3D2026-12-01/a.csv"),
            Event("t1", """{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"raw"}""")), Ct);

        Assert.Empty(result.Response.BatchItemFailures);
        Assert.Contains("no contract for dataset 'weather'", Assert.Single(deadLetters.Letters).Reason, StringComparison.Ordinal);
        Assert.Empty(store.Items);
    }

    [Fact]
    public async Task Etl_trigger_reconciles_the_dataset_a_crawler_event_names_and_starts_its_job()
    {
        await store.RecordArrivalAsync("tripdata", 0, Ct);
        await EtlTrigger().HandleAsync(Batch(Event("s", Sweep)), Ct);
        glue.CrawlEnds("tripdata", "SUCCEEDED", clock.Now);

        var result = await EtlTrigger().HandleAsync(Batch(Event("c1", Crawler("socar-lake-dev-tripdata", "Succeeded"))), Ct);

        Assert.Empty(result.Response.BatchItemFailures);
        Assert.Equal("tripdata", Assert.Single(glue.RunsStarted).Dataset);
    }

    [Fact]
    public async Task Etl_trigger_reconciles_each_dataset_once_however_many_duplicate_events_name_it()
    {
        await store.RecordArrivalAsync("tripdata", 0, Ct);
        var crawl = Crawler("socar-lake-dev-tripdata", "Failed");

        var result = await EtlTrigger().HandleAsync(Batch(Event("a", crawl), Event("b", crawl), Event("c", Sweep)), Ct);

        Assert.Empty(result.Response.BatchItemFailures);
        Assert.Single(glue.CrawlsStarted);
        Assert.Single(result.Outcomes, o => o.Subject == "tripdata");
    }

    [Fact]
    public async Task Etl_trigger_returns_exactly_the_messages_of_a_dataset_whose_reconcile_must_be_retried()
    {
        await store.RecordArrivalAsync("tripdata", 0, Ct);
        await store.RecordArrivalAsync("rides", 0, Ct);
        // rides reconciles first (datasets in order) and starts its crawl; tripdata's StartCrawler is throttled.
        glue.BeforeCrawlStart = dataset => glue.NextCrawlStart = dataset == "tripdata" ? CrawlStart.Throttled : CrawlStart.Started;

        var result = await EtlTrigger().HandleAsync(Batch(
            Event("t", Crawler("socar-lake-dev-tripdata", "Succeeded")),
            Event("r", Fixture.Read("eventbridge-job-failed.json").Replace("socar-lake-dev-tripdata", "socar-lake-dev-rides", StringComparison.Ordinal)),
            Event("x", """{"detail-type":"Something Else","source":"aws.s3","detail":{}}"""),
            Event("bad", "{not json")), Ct);

        Assert.Equal(["t"], result.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(["rides"], glue.CrawlsStarted);
        Assert.Equal(2, result.Outcomes.Count(o => o.Action == "ignored"));
    }

    [Fact]
    public async Task Etl_trigger_turns_an_error_into_batch_item_failures_never_an_exception()
    {
        var throwing = new ReconcileHandler(["tripdata"], "socar-lake-dev-", "socar-lake-dev-",
            new Reconciler(new ThrowingStore(), new CrawlHalf(glue, glue, TimeSpan.Zero), null, clock));

        var result = await throwing.HandleAsync(Batch(Event("s", Sweep), Event("s2", Sweep)), Ct);

        Assert.Equal(["s", "s2"], result.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Contains("AccessDenied", Assert.Single(result.Outcomes).Detail, StringComparison.Ordinal);
    }

    private sealed class ThrowingStore : IDatasetStateStore
    {
        public Task<StateRead> ReadStateAsync(string dataset, CancellationToken cancellationToken) => throw new InvalidOperationException("AccessDenied by test");
        public Task<StateWrite> RecordArrivalAsync(string dataset, long eventTimeMs, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<StateWrite> WriteStateAsync(DatasetState state, long readVersion, CancellationToken cancellationToken) => throw new InvalidOperationException();
    }

    [Theory]
    [InlineData("eventbridge-job-failed.json", "socar-lake-dev-tripdata", "tripdata")]
    [InlineData("eventbridge-crawler-succeeded.json", "socar-lake-dev-rides", "rides")]
    [InlineData("eventbridge-crawler-succeeded.json", "other-team-tripdata", null)]
    [InlineData("eventbridge-crawler-succeeded.json", "socar-lake-dev-weather", null)]
    public void A_reconcile_request_names_the_dataset_of_a_lake_crawler_or_job_and_nothing_else(string fixture, string name, string? dataset)
    {
        var body = Fixture.Read(fixture).Replace("socar-lake-dev-tripdata", name, StringComparison.Ordinal);

        var request = ReconcileRequest.Parse(body, ["rides", "tripdata"], "socar-lake-dev-", "socar-lake-dev-");

        Assert.Equal(dataset is null ? [] : [dataset], request.Datasets);
    }

    [Fact]
    public void The_sweep_asks_for_every_dataset()
    {
        Assert.Equal(["rides", "tripdata"], ReconcileRequest.Parse(Sweep, ["rides", "tripdata"], "p-", "p-").Datasets);
        Assert.Empty(ReconcileRequest.Parse(Sweep.Replace("aws.events", "evil.source", StringComparison.Ordinal), ["rides"], "p-", "p-").Datasets);
    }
}
