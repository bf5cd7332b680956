using System.Text;
using System.Text.Json;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Triggers;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>etl-trigger and ops-notifier handlers on AWS-shaped EventBridge events.</summary>
public sealed class EtlAndOpsHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class RecordingJobs(JobStartStatus status = JobStartStatus.Started) : IJobRunner
    {
        public List<(string Dataset, IReadOnlyDictionary<string, string> Arguments)> Started { get; } = [];

        public Task<JobStart> StartJobAsync(string dataset, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
        {
            Started.Add((dataset, arguments));
            return Task.FromResult(new JobStart(status, status == JobStartStatus.Started ? "jr_1" : null));
        }
    }

    private sealed class RecordingNotifier : INotifier
    {
        public List<Notification> Sent { get; } = [];

        public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
        {
            Sent.Add(notification);
            return Task.CompletedTask;
        }
    }

    private sealed class Summaries(Func<ObjectRef, Stream?> read) : IObjectReader
    {
        public Task<Stream?> TryOpenReadAsync(ObjectRef obj, CancellationToken cancellationToken) => Task.FromResult(read(obj));
    }

    private static readonly Dictionary<string, string> Plans = new() { ["tripdata"] = "s3://socar-lake-dev-artifacts/glue/plans/tripdata-0123456789ab.json" };

    private static EventBridgeEvent<GlueCrawlerStateChange> Crawler(string fixture, string? state = null)
    {
        var json = Fixture.Read(fixture);
        if (state is not null) json = json.Replace("\"state\": \"Succeeded\"", $"\"state\": \"{state}\"", StringComparison.Ordinal);
        return JsonSerializer.Deserialize(json, EventJsonContext.Default.EventBridgeEventGlueCrawlerStateChange)!;
    }

    private static EventBridgeEvent<GlueJobStateChange> Job(string fixture) =>
        JsonSerializer.Deserialize(Fixture.Read(fixture), EventJsonContext.Default.EventBridgeEventGlueJobStateChange)!;

    [Fact]
    public async Task A_succeeded_crawl_starts_the_datasets_job_with_its_plan_and_leaves_the_bookmark_option_to_the_job()
    {
        var jobs = new RecordingJobs();

        var outcome = await new EtlTriggerHandler("socar-lake-dev-", Plans, jobs).HandleAsync(Crawler("eventbridge-crawler-succeeded.json"), Ct);

        Assert.Equal("job-started", outcome.Action);
        var (dataset, arguments) = Assert.Single(jobs.Started);
        Assert.Equal("tripdata", dataset);
        // A run argument overrides the job's default --job-bookmark-option job-bookmark-disable.
        Assert.Equal(["--dataset", "--plan_uri"], arguments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Plans["tripdata"], arguments["--plan_uri"]);
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Started")]
    public async Task Other_crawler_states_start_nothing(string state)
    {
        var jobs = new RecordingJobs();

        var outcome = await new EtlTriggerHandler("socar-lake-dev-", Plans, jobs).HandleAsync(Crawler("eventbridge-crawler-succeeded.json", state), Ct);

        Assert.Equal("ignored", outcome.Action);
        Assert.Empty(jobs.Started);
    }

    [Fact]
    public async Task A_crawler_of_another_lake_is_ignored()
    {
        var jobs = new RecordingJobs();

        var outcome = await new EtlTriggerHandler("socar-lake-prod-", Plans, jobs).HandleAsync(Crawler("eventbridge-crawler-succeeded.json"), Ct);

        Assert.Equal("ignored", outcome.Action);
        Assert.Empty(jobs.Started);
    }

    [Fact]
    public async Task A_job_at_its_concurrency_limit_fails_the_invocation_so_eventbridge_retries()
    {
        var handler = new EtlTriggerHandler("socar-lake-dev-", Plans, new RecordingJobs(JobStartStatus.ConcurrentRunsExceeded));

        var error = await Assert.ThrowsAsync<RetryLaterException>(() => handler.HandleAsync(Crawler("eventbridge-crawler-succeeded.json"), Ct));

        Assert.Contains("ConcurrentRunsExceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_succeeded_run_notifies_its_numbers_from_the_run_summary()
    {
        var notifier = new RecordingNotifier();
        var summary = """{"dataset":"tripdata","run_id":"jr_0a1b2c3d4e5f","state":"SUCCEEDED","rows_in":10000,"rows_out":9990,"rows_quarantined":10,"raw_objects":["tripdata/ingest_date=2026-11-25/a.csv"],"objects_quarantined":[],"bytes_in":1048576,"schema_version":2,"started_at":"2026-11-25T10:28:00Z","finished_at":"2026-11-25T10:29:40Z","duration_seconds":100.0,"output_files":[],"drift":["new column: airport_fee"],"error":null}""";
        var reads = new List<ObjectRef>();
        var handler = new OpsNotifierHandler("socar-lake-dev-", new Summaries(o => { reads.Add(o); return new MemoryStream(Encoding.UTF8.GetBytes(summary)); }), notifier, (job, run) => $"https://console/{job}/{run}");

        await handler.HandleAsync(Job("eventbridge-job-succeeded.json"), Ct);

        Assert.Equal(new ObjectRef(Zone.Processed, "_runs/tripdata/jr_0a1b2c3d4e5f.json"), Assert.Single(reads));
        var sent = Assert.Single(notifier.Sent);
        Assert.Equal("INFO", sent.Severity);
        Assert.Equal("[lake] ok tripdata: run SUCCEEDED, 9,990 rows out, 10 quarantined", sent.Subject);
        Assert.Contains("Rows in:      10,000", sent.Body, StringComparison.Ordinal);
        Assert.Contains("Duration:     100.0 s", sent.Body, StringComparison.Ordinal);
        Assert.Contains("Schema drift: new column: airport_fee", sent.Body, StringComparison.Ordinal);
        Assert.Contains("https://console/socar-lake-dev-tripdata/jr_0a1b2c3d4e5f", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_without_a_summary_is_unmistakable_and_carries_the_error()
    {
        var notifier = new RecordingNotifier();
        var handler = new OpsNotifierHandler("socar-lake-dev-", new Summaries(_ => null), notifier, (_, _) => "link");

        await handler.HandleAsync(Job("eventbridge-job-failed.json"), Ct);

        var sent = Assert.Single(notifier.Sent);
        Assert.Equal("ERROR", sent.Severity);
        Assert.StartsWith("[lake] FAILED tripdata: run FAILED", sent.Subject, StringComparison.Ordinal);
        Assert.Contains("Error:        AnalysisException: cannot resolve", sent.Body, StringComparison.Ordinal);
        Assert.Contains("Run summary:  not written", sent.Body, StringComparison.Ordinal);
    }

    private sealed class JobRuns(Func<JobRunDetails?> answer) : IJobRunReader
    {
        public List<(string Job, string Run)> Asked { get; } = [];

        public Task<JobRunDetails?> GetJobRunAsync(string jobName, string runId, CancellationToken cancellationToken)
        {
            Asked.Add((jobName, runId));
            return Task.FromResult(answer());
        }
    }

    [Fact]
    public async Task A_run_without_a_summary_takes_its_duration_and_error_from_glue()
    {
        var notifier = new RecordingNotifier();
        var runs = new JobRuns(() => new JobRunDetails("FAILED", 61, "Glue: executor lost (out of memory)"));
        var handler = new OpsNotifierHandler("socar-lake-dev-", new Summaries(_ => null), notifier, (_, _) => "link", runs);

        await handler.HandleAsync(Job("eventbridge-job-failed.json"), Ct);

        Assert.Equal(("socar-lake-dev-tripdata", "jr_3f6e0c2a9d7b4e1f8a5c0b9d2e7f1a3c4b6d8e0f2a4c6e8b0d2f4a6c8e0b2d4f"), Assert.Single(runs.Asked));
        var body = Assert.Single(notifier.Sent).Body;
        Assert.Contains("Duration:     61.0 s", body, StringComparison.Ordinal);
        Assert.Contains("Error:        Glue: executor lost (out of memory)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Glue_being_unreachable_does_not_stop_the_message()
    {
        var notifier = new RecordingNotifier();
        var handler = new OpsNotifierHandler("socar-lake-dev-", new Summaries(_ => null), notifier, (_, _) => "link", new JobRuns(() => throw new HttpRequestException("no route")));

        await handler.HandleAsync(Job("eventbridge-job-failed.json"), Ct);

        Assert.Contains("Error:        AnalysisException: cannot resolve", Assert.Single(notifier.Sent).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_summary_still_notifies_and_says_why()
    {
        var notifier = new RecordingNotifier();
        var handler = new OpsNotifierHandler("socar-lake-dev-", new Summaries(_ => throw new IOException("access denied by test")), notifier, (_, _) => "link");

        await handler.HandleAsync(Job("eventbridge-job-succeeded.json"), Ct);

        Assert.Contains("Run summary:  unreadable at processed/_runs/tripdata/jr_0a1b2c3d4e5f.json: access denied by test", Assert.Single(notifier.Sent).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_crawl_alerts_once_with_the_crawler_the_dataset_and_Glues_error()
    {
        var notifier = new RecordingNotifier();
        var handler = new OpsNotifierHandler("socar-lake-dev-", new Summaries(_ => null), notifier, (_, _) => "link");
        var failed = Crawler("eventbridge-crawler-succeeded.json", "Failed") with
        {
            Detail = Crawler("eventbridge-crawler-succeeded.json", "Failed").Detail! with { ErrorMessage = "Internal Service Exception" },
        };

        var sent = await handler.HandleCrawlerAsync(failed, Ct);
        var ignored = await handler.HandleCrawlerAsync(Crawler("eventbridge-crawler-succeeded.json"), Ct);

        var message = Assert.Single(notifier.Sent);
        Assert.Equal(sent, message);
        Assert.Null(ignored);
        Assert.Equal(("[lake] FAILED tripdata: crawler socar-lake-dev-tripdata", "ERROR"), (message.Subject, message.Severity));
        Assert.Contains("Error:        Internal Service Exception", message.Body, StringComparison.Ordinal);
    }
}
