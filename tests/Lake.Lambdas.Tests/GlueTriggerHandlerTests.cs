using System.Text.Json;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Triggers;

namespace SocarDataLake.Lambdas.Tests;

public sealed class GlueTriggerHandlerTests
{
    private static readonly IReadOnlySet<string> Datasets = new HashSet<string> { "tripdata", "rides" };

    private static SqsEvent Batch(params SqsMessage[] messages) => new() { Records = messages };

    [Fact]
    public async Task One_crawl_per_dataset_per_batch_and_nothing_returned_to_the_queue()
    {
        var crawler = new RecordingCrawler();
        var batch = JsonSerializer.Deserialize(Fixture.Read("sqs-s3-batch.json"), EventJsonContext.Default.SqsEvent)!;

        var result = await new GlueTriggerHandler(Datasets, crawler, new RecordingDeadLetters()).HandleAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(["rides", "tripdata"], crawler.Started);
        Assert.Empty(result.Response.BatchItemFailures);
    }

    [Fact]
    public async Task A_running_crawler_sends_only_its_datasets_messages_back_for_a_retry()
    {
        var crawler = new RecordingCrawler(d => d == "tripdata" ? CrawlStart.AlreadyRunning : CrawlStart.Started);
        var batch = JsonSerializer.Deserialize(Fixture.Read("sqs-s3-batch.json"), EventJsonContext.Default.SqsEvent)!;

        var result = await new GlueTriggerHandler(Datasets, crawler, new RecordingDeadLetters()).HandleAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(["m-trip-1", "m-trip-2"], result.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Contains(result.Outcomes, o => o.Subject == "tripdata" && o.Action == "retry-later");
    }

    [Fact]
    public async Task Throttling_is_retried_like_a_running_crawler()
    {
        var result = await new GlueTriggerHandler(Datasets, new RecordingCrawler(_ => CrawlStart.Throttled), new RecordingDeadLetters())
            .HandleAsync(Batch(Fixture.S3Message("m1", "rides/ingest_date%3D2026-01-01/a.json")), TestContext.Current.CancellationToken);

        Assert.Equal("m1", Assert.Single(result.Response.BatchItemFailures).ItemIdentifier);
    }

    [Theory]
    [InlineData("weather/ingest_date%3D2026-01-01/a.csv", "no contract for dataset 'weather'")]
    [InlineData("tripdata/ingest_date%3D2026-01-01/..%2F..%2Fetc%2Fpasswd", "'..'")]
    [InlineData("tripdata/a.csv", "not <dataset>/ingest_date=YYYY-MM-DD/<name>")]
    public async Task Poison_keys_go_to_the_dead_letters_with_a_reason_and_are_never_retried(string encodedKey, string reason)
    {
        var crawler = new RecordingCrawler();
        var deadLetters = new RecordingDeadLetters();
        var message = Fixture.S3Message("poison", encodedKey);

        var result = await new GlueTriggerHandler(Datasets, crawler, deadLetters).HandleAsync(Batch(message), TestContext.Current.CancellationToken);

        Assert.Empty(result.Response.BatchItemFailures);
        Assert.Empty(crawler.Started);
        var letter = Assert.Single(deadLetters.Letters);
        Assert.Contains(reason, letter.Reason, StringComparison.Ordinal);
        Assert.Equal(message.Body, letter.Body);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_dead_lettered_with_the_message_id()
    {
        var deadLetters = new RecordingDeadLetters();

        await new GlueTriggerHandler(Datasets, new RecordingCrawler(), deadLetters)
            .HandleAsync(Batch(new SqsMessage { MessageId = "garbage", Body = "not json" }), TestContext.Current.CancellationToken);

        Assert.Contains("message garbage: the body is not JSON", Assert.Single(deadLetters.Letters).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_s3_test_event_is_ignored()
    {
        var crawler = new RecordingCrawler();
        var deadLetters = new RecordingDeadLetters();
        var test = new SqsMessage { MessageId = "t", Body = """{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-25T00:00:00.000Z","Bucket":"socar-lake-dev-raw"}""" };

        var result = await new GlueTriggerHandler(Datasets, crawler, deadLetters).HandleAsync(Batch(test), TestContext.Current.CancellationToken);

        Assert.Empty(crawler.Started);
        Assert.Empty(deadLetters.Letters);
        Assert.Empty(result.Response.BatchItemFailures);
    }

    [Fact]
    public void Keys_are_url_decoded_with_plus_as_space()
    {
        var obj = new S3Object { Key = "tripdata/ingest_date%3D2026-11-25/yellow+tripdata%2B2019.csv" };

        Assert.Equal("tripdata/ingest_date=2026-11-25/yellow tripdata+2019.csv", obj.DecodedKey);
    }

    [Fact]
    public void The_batch_response_uses_the_documented_field_names()
    {
        var json = JsonSerializer.Serialize(new SqsBatchResponse { BatchItemFailures = [new SqsBatchItemFailure("m1")] }, EventJsonContext.Default.SqsBatchResponse);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m1"}]}""", json);
    }
}
