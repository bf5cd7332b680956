using System.Text.Json;
using SocarDataLake.Aws;
using SocarDataLake.Core.Orchestration;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>The state store's DynamoDB calls (JSON 1.0) against a model of the documented API, and Glue GetCrawler.</summary>
public sealed class DynamoDbStateStoreTests
{
    private static readonly AwsCredentials Credentials = new("AKIDTEST", "secret", null);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (DynamoDbStateStore Store, FakeDynamoDb Table, LoopbackServer Server, HttpClient Http) Store()
    {
        var table = new FakeDynamoDb();
        var server = new LoopbackServer(table.Handle);
        var http = new HttpClient();
        var endpoint = AwsClients.EndpointOverride(name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? server.Url : null, "DYNAMODB");
        return (new DynamoDbStateStore(AwsClients.DynamoDb(http, Credentials, "ap-south-1", TimeProvider.System, endpoint), "socar-lake-dev-orchestration"), table, server, http);
    }

    [Fact]
    public async Task Arrivals_count_up_keep_the_latest_event_time_and_read_back_strongly_consistent()
    {
        var (store, table, server, http) = Store();
        using var _ = server;
        using var __ = http;

        Assert.Null((await store.ReadStateAsync("tripdata", Ct)).State);
        Assert.Equal(StateWrite.Written, await store.RecordArrivalAsync("tripdata", 2_000, Ct));
        // An older event time: counted, and wanted_at stays at the later one.
        Assert.Equal(StateWrite.Written, await store.RecordArrivalAsync("tripdata", 1_000, Ct));
        var read = await store.ReadStateAsync("tripdata", Ct);

        Assert.Equal((2L, 2_000L, 0L), (read.State!.Wanted, read.State.WantedAt, read.State.Version));
        Assert.True(table.EveryReadConsistent);
        var request = server.Requests.First();
        Assert.Equal("DynamoDB_20120810.GetItem", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", request.Headers["Content-Type"]);
        Assert.Contains("/dynamodb/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal("socar-lake-dev-orchestration", JsonDocument.Parse(request.Body).RootElement.GetProperty("TableName").GetString());
    }

    [Fact]
    public async Task A_state_write_succeeds_once_per_version_and_a_stale_one_is_a_lost_condition()
    {
        var (store, _, server, http) = Store();
        using var s = server;
        using var h = http;
        await store.RecordArrivalAsync("tripdata", 1, Ct);
        var read = (await store.ReadStateAsync("tripdata", Ct)).State!;
        var started = CrawlRules.Started(read, 5_000);

        Assert.Equal(StateWrite.Written, await store.WriteStateAsync(started, read.Version, Ct));
        Assert.Equal(StateWrite.ConditionFailed, await store.WriteStateAsync(started, read.Version, Ct));
        var job = JobRules.Started(started with { Crawled = 1 }, "jr_7", 9_000);
        Assert.Equal(StateWrite.Written, await store.WriteStateAsync(job, 1, Ct));
        await store.RecordArrivalAsync("tripdata", 3, Ct);

        var back = (await store.ReadStateAsync("tripdata", Ct)).State!;
        Assert.Equal(job with { Version = 2, Wanted = 2, WantedAt = 3 }, back);
    }

    [Fact]
    public async Task Throttling_is_an_outcome_of_every_call_not_an_exception()
    {
        var (store, table, server, http) = Store();
        using var s = server;
        using var h = http;

        table.Throttle = 3;

        Assert.True((await store.ReadStateAsync("tripdata", Ct)).Throttled);
        Assert.Equal(StateWrite.Throttled, await store.RecordArrivalAsync("tripdata", 1, Ct));
        Assert.Equal(StateWrite.Throttled, await store.WriteStateAsync(new DatasetState("tripdata") { CrawlRunning = true }, 0, Ct));
    }

    [Fact]
    public async Task Access_denied_is_an_error_the_function_reports()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(400, """{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"not authorized to perform dynamodb:UpdateItem"}""")));
        using var http = new HttpClient();
        var store = new DynamoDbStateStore(AwsClients.DynamoDb(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url)), "t");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => store.RecordArrivalAsync("tripdata", 1, Ct));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
    }

    [Theory]
    // AWS Glue API, GetCrawler → Crawler: State READY | RUNNING | STOPPING; LastCrawl (LastCrawlInfo): Status, StartTime in epoch seconds.
    [InlineData("""{"Crawler":{"Name":"socar-lake-dev-tripdata","State":"READY","LastCrawl":{"Status":"FAILED","ErrorMessage":"Internal Service Exception","StartTime":1764583200.5,"LogGroup":"/aws-glue/crawlers"}}}""", "READY", "FAILED", 1764583200500L)]
    [InlineData("""{"Crawler":{"Name":"socar-lake-dev-tripdata","State":"RUNNING","CrawlElapsedTime":12000}}""", "RUNNING", null, 0L)]
    public async Task GetCrawler_reads_the_state_and_the_last_crawl(string response, string state, string? lastStatus, long lastStartMs)
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(200, response)));
        using var http = new HttpClient();
        var crawler = new GlueCrawler(AwsClients.Glue(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url)), "socar-lake-dev-");

        var status = await crawler.GetCrawlerAsync("tripdata", Ct);

        Assert.Equal(state, status.State);
        Assert.Equal(lastStatus, status.LastCrawl?.Status);
        if (lastStatus is not null) Assert.Equal(lastStartMs, status.LastCrawl!.StartTime.ToUnixTimeMilliseconds());
        var request = Assert.Single(server.Requests);
        Assert.Equal("AWSGlue.GetCrawler", request.Headers["X-Amz-Target"]);
        Assert.Equal("socar-lake-dev-tripdata", JsonDocument.Parse(request.Body).RootElement.GetProperty("Name").GetString());
    }
}
