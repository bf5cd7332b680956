using System.Text.Json;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>
/// The real Native AOT etl-trigger and ops-notifier binaries (from the Package target) against a local Runtime
/// API and local Glue, SNS and S3 endpoints: a normal event, a malformed one, a handler error, a deadline.
/// </summary>
public sealed class FunctionBinariesEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> RunAsync(string function, FakeRuntimeApi runtime, LoopbackServer aws, Dictionary<string, string> environment)
    {
        runtime.CloseWhenDrained();
        using var process = BootstrapProcess.Start(PackagedBootstrap.Path(function), runtime, aws, new Dictionary<string, string>(environment) { ["AWS_SECRET_ACCESS_KEY"] = "secret-not-logged" });
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(1, process.ExitCode); // the Runtime API's 500 after the last event means "exit"
        var logs = await output;
        Assert.DoesNotContain("secret-not-logged", logs, StringComparison.Ordinal);
        return logs;
    }

    private static string ErrorType(FakeRuntimeApi runtime, string id) =>
        JsonDocument.Parse(runtime.Errors[id].Body).RootElement.GetProperty("errorType").GetString()!;

    [Fact]
    public async Task Etl_trigger_binary_reconciles_sqs_batches_of_events_and_returns_what_must_be_retried()
    {
        using var runtime = new FakeRuntimeApi();
        var table = new FakeDynamoDb();
        // Each dataset has one arrival and a crawl started a minute ago, which Glue now shows ended.
        var crawlStarted = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (var dataset in new[] { "tripdata", "rides", "slow" })
            table.Items[dataset] = System.Text.Json.Nodes.JsonNode.Parse($$$"""
                {"dataset":{"S":"{{{dataset}}}"},"v":{"N":"1"},"wanted":{"N":"1"},"crawl_covers":{"N":"1"},"crawl_running":{"BOOL":true},"crawl_started_at":{"N":"{{{crawlStarted.ToUnixTimeMilliseconds()}}}"}}
                """)!.AsObject();
        // Glue answers the slow dataset's StartJobRun only after the test ends, so that invocation's deadline passes.
        var slowAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var aws = new LoopbackServer(async request =>
        {
            var target = request.Headers["X-Amz-Target"];
            if (target.StartsWith("DynamoDB_20120810.", StringComparison.Ordinal)) return await table.Handle(request);
            if (target == "AWSGlue.GetCrawler")
                return new CannedResponse(200, """{"Crawler":{"State":"READY","LastCrawl":{"Status":"SUCCEEDED","StartTime":START}}}""".Replace("START", crawlStarted.AddSeconds(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var job = JsonDocument.Parse(request.Body).RootElement.GetProperty("JobName").GetString();
            if (job == "socar-lake-dev-slow") await slowAnswer.Task;
            return job == "socar-lake-dev-rides"
                ? new CannedResponse(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""")
                : new CannedResponse(200, """{"JobRunId":"jr_e2e"}""");
        });
        string Batch(params (string Id, string Body)[] messages) => JsonSerializer.Serialize(new
        {
            Records = messages.Select(m => new { messageId = m.Id, body = m.Body, eventSource = "aws:sqs" }),
        });
        var crawl = Fixture.Read("eventbridge-crawler-succeeded.json");
        runtime.Enqueue("normal", Batch(("m1", crawl), ("m2", crawl)));
        runtime.Enqueue("malformed", "{\"Records\": [1, 2");
        runtime.Enqueue("throttled", Batch(("r1", crawl.Replace("socar-lake-dev-tripdata", "socar-lake-dev-rides", StringComparison.Ordinal)), ("x1", "not an event")));
        runtime.Enqueue("late", Batch(("s1", crawl.Replace("socar-lake-dev-tripdata", "socar-lake-dev-slow", StringComparison.Ordinal))), timeout: TimeSpan.FromMilliseconds(500));

        var logs = await RunAsync("etl-trigger", runtime, aws, new()
        {
            ["LAKE_CRAWLER_PREFIX"] = "socar-lake-dev-",
            ["LAKE_JOB_PREFIX"] = "socar-lake-dev-",
            ["LAKE_STATE_TABLE"] = "socar-lake-dev-orchestration",
            ["LAKE_PLAN_URIS"] = """{"tripdata":"s3://art/glue/plans/tripdata.json","rides":"s3://art/glue/plans/rides.json","slow":"s3://art/glue/plans/slow.json"}""",
        });

        slowAnswer.TrySetResult();
        Assert.Equal("""{"batchItemFailures":[]}""", runtime.Responses["normal"]);
        var started = aws.Requests.Where(r => r.Headers["X-Amz-Target"] == "AWSGlue.StartJobRun").Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Single(b => b.GetProperty("JobName").GetString() == "socar-lake-dev-tripdata");
        Assert.Equal("s3://art/glue/plans/tripdata.json", started.GetProperty("Arguments").GetProperty("--plan_uri").GetString());
        Assert.Equal("jr_e2e", table.Items["tripdata"]["job_run_id"]!["S"]!.GetValue<string>());
        Assert.Equal("JsonException", ErrorType(runtime, "malformed"));
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"r1"}]}""", runtime.Responses["throttled"]);
        Assert.Equal("TimeoutException", ErrorType(runtime, "late"));
        Assert.Contains("\"requestId\":\"normal\"", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ops_notifier_binary_publishes_reads_summaries_and_reports_failures()
    {
        using var runtime = new FakeRuntimeApi();
        // SNS answers the slow publish only after the test ends, so that invocation's deadline passes.
        var slowAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var aws = new LoopbackServer(async request =>
        {
            if (request.Method == "GET")
                return request.Path.Contains("jr_0a1b2c3d4e5f", StringComparison.Ordinal)
                    ? new CannedResponse(200, """{"dataset":"tripdata","run_id":"jr_0a1b2c3d4e5f","state":"SUCCEEDED","rows_in":5,"rows_out":4,"rows_quarantined":1,"duration_seconds":12.5}""")
                    : new CannedResponse(404, "<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>");
            if (request.Headers.TryGetValue("X-Amz-Target", out var target) && target == "AWSGlue.GetJobRun")
                return new CannedResponse(200, """{"JobRun":{"JobRunState":"FAILED","ExecutionTime":42,"ErrorMessage":"Glue says: executor lost"}}""");
            if (request.Body.Contains("slow", StringComparison.Ordinal)) await slowAnswer.Task;
            return request.Body.Contains("denied", StringComparison.Ordinal)
                ? new CannedResponse(403, "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>not authorized</Message></Error><RequestId>r</RequestId></ErrorResponse>")
                : new CannedResponse(200, "<PublishResponse><PublishResult><MessageId>m</MessageId></PublishResult></PublishResponse>");
        });
        var succeeded = Fixture.Read("eventbridge-job-succeeded.json");
        runtime.Enqueue("normal", succeeded);
        runtime.Enqueue("failed", Fixture.Read("eventbridge-job-failed.json"));
        runtime.Enqueue("crawler-failed", Fixture.Read("eventbridge-crawler-succeeded.json").Replace("\"state\": \"Succeeded\"", "\"state\": \"Failed\"", StringComparison.Ordinal));
        runtime.Enqueue("malformed", "[]");
        runtime.Enqueue("denied", succeeded.Replace("socar-lake-dev-tripdata", "socar-lake-dev-denied", StringComparison.Ordinal));
        runtime.Enqueue("late", succeeded.Replace("socar-lake-dev-tripdata", "socar-lake-dev-slow", StringComparison.Ordinal), timeout: TimeSpan.FromMilliseconds(500));

        await RunAsync("ops-notifier", runtime, aws, new()
        {
            ["LAKE_JOB_PREFIX"] = "socar-lake-dev-",
            ["LAKE_TOPIC_ARN"] = "arn:aws:sns:ap-south-1:123456789012:socar-lake-dev-ops",
            ["LAKE_RUN_SUMMARY_BUCKET"] = "socar-lake-dev-processed",
        });

        slowAnswer.TrySetResult();
        Assert.Contains("4 rows out, 1 quarantined", runtime.Responses["normal"], StringComparison.Ordinal);
        Assert.Contains("FAILED", runtime.Responses["failed"], StringComparison.Ordinal);
        Assert.Contains("42.0 s", runtime.Responses["failed"], StringComparison.Ordinal);
        Assert.Contains("Glue says: executor lost", runtime.Responses["failed"], StringComparison.Ordinal);
        var publishes = aws.Requests.Where(r => r.Method == "POST").Select(r => r.Body).ToList();
        Assert.Contains(publishes, b => b.Contains("Glue%20says", StringComparison.Ordinal) && b.Contains("severity", StringComparison.Ordinal));
        Assert.Contains(aws.Requests, r => r.Method == "GET" && r.Path == "/socar-lake-dev-processed/_runs/tripdata/jr_0a1b2c3d4e5f.json");
        Assert.Contains("[lake] FAILED tripdata: crawler socar-lake-dev-tripdata", runtime.Responses["crawler-failed"], StringComparison.Ordinal);
        Assert.Equal("JsonException", ErrorType(runtime, "malformed"));
        Assert.Equal("AwsServiceException", ErrorType(runtime, "denied"));
        Assert.Equal("TimeoutException", ErrorType(runtime, "late"));
    }

    [Fact]
    public async Task A_function_missing_its_configuration_reports_an_init_error()
    {
        using var runtime = new FakeRuntimeApi();
        runtime.CloseWhenDrained();
        using var process = BootstrapProcess.Start(PackagedBootstrap.Path("ops-notifier"), runtime, aws: null, new Dictionary<string, string>());
        var logs = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("LAKE_RUN_SUMMARY_BUCKET is not set", Assert.Single(runtime.InitErrors), StringComparison.Ordinal);
        Assert.Contains("init_failed", logs, StringComparison.Ordinal);
    }
}
