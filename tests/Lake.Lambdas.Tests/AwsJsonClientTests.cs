using System.Text.Json;
using SocarDataLake.Aws;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Lambdas.Tests;

public sealed class AwsJsonClientTests
{
    private static readonly AwsCredentials Credentials = new("AKIDTEST", "secret", "token");

    private static AwsJsonClient Glue(LoopbackServer server, HttpClient http) =>
        AwsClients.Glue(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url));

    [Fact]
    public async Task StartCrawler_is_a_signed_json_1_1_request_naming_the_datasets_crawler()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(200, "{}")));
        using var http = new HttpClient();

        var started = await new GlueCrawler(Glue(server, http), "socar-lake-dev-").StartCrawlAsync("tripdata", TestContext.Current.CancellationToken);

        Assert.Equal(CrawlStart.Started, started);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("AWSGlue.StartCrawler", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("/ap-south-1/glue/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal("token", request.Headers["X-Amz-Security-Token"]);
        Assert.Equal("socar-lake-dev-tripdata", JsonDocument.Parse(request.Body).RootElement.GetProperty("Name").GetString());
    }

    [Theory]
    [InlineData("CrawlerRunningException", 400, CrawlStart.AlreadyRunning)]
    [InlineData("com.amazonaws.glue#ThrottlingException", 400, CrawlStart.Throttled)]
    [InlineData("InternalServiceException", 500, CrawlStart.Throttled)]
    public async Task Retryable_glue_errors_become_a_retry_later_outcome(string type, int status, CrawlStart expected)
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(status, $$"""{"__type":"{{type}}","message":"try later"}""")));
        using var http = new HttpClient();

        Assert.Equal(expected, await new GlueCrawler(Glue(server, http), "p-").StartCrawlAsync("rides", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Access_denied_is_not_retryable_and_carries_the_request_id()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(400,
            """{"__type":"AccessDeniedException","Message":"User is not authorized to perform: glue:StartCrawler"}""",
            new Dictionary<string, string> { ["x-amzn-RequestId"] = "rid-42" })));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new GlueCrawler(Glue(server, http), "p-").StartCrawlAsync("rides", TestContext.Current.CancellationToken));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Equal("rid-42", error.RequestId);
        Assert.Contains("glue:StartCrawler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dead_letters_are_sqs_json_1_0_SendMessage_with_the_reason_attribute()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(200, """{"MessageId":"x","MD5OfMessageBody":"y"}""")));
        using var http = new HttpClient();
        var sqs = AwsClients.Sqs(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url));

        await new SqsDeadLetters(sqs, "https://sqs.ap-south-1.amazonaws.com/123456789012/dlq")
            .SendAsync(new DeadLetter("glue-trigger", "{\"original\":true}", "unknown dataset"), TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("AmazonSQS.SendMessage", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", request.Headers["Content-Type"]);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("https://sqs.ap-south-1.amazonaws.com/123456789012/dlq", body.GetProperty("QueueUrl").GetString());
        Assert.Equal("{\"original\":true}", body.GetProperty("MessageBody").GetString());
        Assert.Equal("unknown dataset", body.GetProperty("MessageAttributes").GetProperty("reason").GetProperty("StringValue").GetString());
    }
    [Fact]
    public async Task Kinesis_is_a_signed_json_1_1_client_with_the_2013_12_02_target_prefix()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(200, """{"FailedRecordCount":0,"Records":[]}""")));
        using var http = new HttpClient();
        var kinesis = AwsClients.Kinesis(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url));

        using var _ = await kinesis.CallAsync("PutRecords", AwsJsonClient.Json(w => w.WriteString("StreamName", "s")), TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("Kinesis_20131202.PutRecords", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Contains("/ap-south-1/kinesis/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
    }
}
