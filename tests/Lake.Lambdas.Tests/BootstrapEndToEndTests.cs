using System.Text.Json;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>
/// Starts the real Native AOT glue-trigger binary (from the Package target) against a local Runtime API
/// and local Glue, SQS and DynamoDB endpoints, and drives it through normal, malformed, failing and late invocations.
/// </summary>
public sealed class BootstrapEndToEndTests
{
    [Fact]
    public async Task Glue_trigger_binary_handles_normal_malformed_failing_and_late_invocations()
    {
        var bootstrap = PackagedBootstrap.Path("glue-trigger");

        using var runtime = new FakeRuntimeApi();
        var table = new FakeDynamoDb();
        using var aws = new LoopbackServer(request =>
        {
            var target = request.Headers.TryGetValue("X-Amz-Target", out var t) ? t : "";
            return target switch
            {
                "DynamoDB_20120810.UpdateItem" when request.Body.Contains("rides", StringComparison.Ordinal) =>
                    Task.FromResult(new CannedResponse(400, """{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"not authorized"}""")),
                _ when target.StartsWith("DynamoDB_20120810.", StringComparison.Ordinal) => table.Handle(request),
                "AWSGlue.StartCrawler" => Task.FromResult(new CannedResponse(200, "{}")),
                "AmazonSQS.SendMessage" => Task.FromResult(new CannedResponse(200, """{"MessageId":"dlq-1"}""")),
                _ => Task.FromResult(new CannedResponse(400, """{"__type":"UnknownOperationException"}""")),
            };
        });

        runtime.Enqueue("normal", Fixture.Read("sqs-s3-batch.json").Replace("\"rides/", "\"tripdata/", StringComparison.Ordinal));
        // Already past its deadline when it is handed out: the function must report a timeout and do none of its work.
        runtime.Enqueue("late", JsonSerializer.Serialize(new { Records = new[] { Fixture.S3Message("l1", "tripdata/ingest_date%3D2026-01-01/late.csv") } }), timeout: TimeSpan.FromSeconds(-1));
        runtime.Enqueue("malformed", "this is not an SQS event");
        runtime.Enqueue("poison", JsonSerializer.Serialize(new { Records = new[] { Fixture.S3Message("p1", "weather/ingest_date%3D2026-01-01/a.csv") } }));
        runtime.Enqueue("handler-error", JsonSerializer.Serialize(new { Records = new[] { Fixture.S3Message("r1", "rides/ingest_date%3D2026-01-01/a.json") } }));
        runtime.CloseWhenDrained();

        using var process = BootstrapProcess.Start(bootstrap, runtime, aws, new Dictionary<string, string>
        {
            ["LAKE_CRAWLER_PREFIX"] = "socar-lake-dev-",
            ["LAKE_DEAD_LETTER_QUEUE_URL"] = "https://sqs.ap-south-1.amazonaws.com/123456789012/socar-lake-dev-ingest-dlq",
            ["LAKE_STATE_TABLE"] = "socar-lake-dev-orchestration",
        });
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode); // the Runtime API's 500 after the last event means "exit"
        Assert.Equal("""{"batchItemFailures":[]}""", runtime.Responses["normal"]);
        Assert.Equal(1, aws.Requests.Count(r => r.Body.Contains("socar-lake-dev-tripdata", StringComparison.Ordinal) && r.Headers["X-Amz-Target"] == "AWSGlue.StartCrawler"));
        Assert.Equal("1", table.Items["tripdata"]["wanted"]!["N"]!.GetValue<string>());
        Assert.Equal("TimeoutException", JsonDocument.Parse(runtime.Errors["late"].Body).RootElement.GetProperty("errorType").GetString());
        Assert.False(runtime.Responses.ContainsKey("late"));
        Assert.Equal("true", table.Items["tripdata"]["crawl_running"]!["BOOL"]!.ToJsonString());
        Assert.Equal("JsonException", JsonDocument.Parse(runtime.Errors["malformed"].Body).RootElement.GetProperty("errorType").GetString());
        Assert.Equal("""{"batchItemFailures":[]}""", runtime.Responses["poison"]);
        Assert.Contains(aws.Requests, r => r.Headers["X-Amz-Target"] == "AmazonSQS.SendMessage" && r.Body.Contains("no contract for dataset", StringComparison.Ordinal));
        Assert.Equal("AwsServiceException", JsonDocument.Parse(runtime.Errors["handler-error"].Body).RootElement.GetProperty("errorType").GetString());
        var logs = await output;
        Assert.Contains("\"requestId\":\"normal\"", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", logs.Replace("socar", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Glue_trigger_binary_reports_a_timeout_when_the_deadline_passes()
    {
        var bootstrap = PackagedBootstrap.Path("glue-trigger");

        using var runtime = new FakeRuntimeApi();
        // AWS answers only after the test ends, so the invocation's deadline passes while the handler waits on it.
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var aws = new LoopbackServer(async _ =>
        {
            await answer.Task;
            return new CannedResponse(200, "{}");
        });
        runtime.Enqueue("late", JsonSerializer.Serialize(new { Records = new[] { Fixture.S3Message("m", "tripdata/ingest_date%3D2026-01-01/a.csv") } }), timeout: TimeSpan.FromMilliseconds(500));
        runtime.CloseWhenDrained();

        using var process = BootstrapProcess.Start(bootstrap, runtime, aws, new Dictionary<string, string> { ["LAKE_CRAWLER_PREFIX"] = "p-", ["LAKE_DEAD_LETTER_QUEUE_URL"] = "https://dlq", ["LAKE_STATE_TABLE"] = "t" });
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        answer.TrySetResult();
        Assert.Equal("TimeoutException", JsonDocument.Parse(runtime.Errors["late"].Body).RootElement.GetProperty("errorType").GetString());
    }
}
