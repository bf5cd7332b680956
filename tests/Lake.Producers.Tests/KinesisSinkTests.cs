using System.Text;
using SocarDataLake.Core;
using SocarDataLake.Local;
using SocarDataLake.Producers.Kinesis;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Producers.Tests;

public sealed class KinesisSinkTests
{
    // Retries go again at once, and the clock never moves: a batch closes when full or when the stream ends.
    private static readonly Backoff Fast = new(4, TimeSpan.Zero, TimeSpan.Zero);

    private static KinesisSink Sink(KinesisPutRecords api) => new(api, new FakeTimeProvider(), Fast, linger: TimeSpan.FromMilliseconds(50));

    private static StreamRecord Record(int i, int size = 0) =>
        new(size > 0 ? Encoding.UTF8.GetBytes($"{{\"n\":{i},\"pad\":\"{new string('x', size)}\"}}") : Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), $"key-{i}");

    private static async Task<KinesisSink> SendAsync(FakeKinesis kinesis, IEnumerable<StreamRecord> records, string stream = "socar-lake-dev-rides")
    {
        var sink = Sink(kinesis.Api(stream));
        foreach (var record in records) await sink.WriteAsync(record, TestContext.Current.CancellationToken);
        await sink.CompleteAsync();
        return sink;
    }

    private static IEnumerable<int> Numbers(IEnumerable<PutCall> calls) =>
        calls.SelectMany(c => c.Records).Select(r => int.Parse(Encoding.UTF8.GetString(r.Data).Split(':', ',', '}')[1], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Records_go_as_base64_data_with_their_partition_keys_in_signed_json_1_1_PutRecords_calls()
    {
        using var kinesis = new FakeKinesis();

        await using var sink = await SendAsync(kinesis, Enumerable.Range(1, 3).Select(i => Record(i)));

        var call = Assert.Single(kinesis.Calls);
        Assert.Equal("Kinesis_20131202.PutRecords", call.Request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", call.Request.Headers["Content-Type"]);
        Assert.Contains("/ap-south-1/kinesis/aws4_request", call.Request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal("socar-lake-dev-rides", call.StreamName);
        Assert.Contains("\"Data\":\"eyJuIjoxfQ==\"", call.Request.Body, StringComparison.Ordinal);
        Assert.Equal(["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"], call.Records.Select(r => Encoding.UTF8.GetString(r.Data)));
        Assert.Equal(["key-1", "key-2", "key-3"], call.Records.Select(r => r.PartitionKey));
        Assert.Equal((3, 3, 0), (sink.Counters.Written, sink.Counters.Delivered, sink.Counters.Retried));
    }

    [Fact]
    public async Task A_stream_arn_is_sent_as_StreamARN()
    {
        using var kinesis = new FakeKinesis();
        const string arn = "arn:aws:kinesis:ap-south-1:123456789012:stream/socar-lake-dev-rides";

        await using var sink = await SendAsync(kinesis, [Record(1)], arn);

        var call = Assert.Single(kinesis.Calls);
        Assert.Equal((null, arn), (call.StreamName, call.StreamArn));
    }

    [Fact]
    public async Task A_call_carries_at_most_500_records_and_order_is_kept()
    {
        using var kinesis = new FakeKinesis();

        await using var sink = await SendAsync(kinesis, Enumerable.Range(1, 1201).Select(i => Record(i)));

        Assert.All(kinesis.Calls, c => Assert.InRange(c.Records.Count, 1, KinesisLimits.MaxRecordsPerCall));
        Assert.Equal([500, 500, 201], kinesis.Calls.Select(c => c.Records.Count));
        Assert.Equal(Enumerable.Range(1, 1201), Numbers(kinesis.Calls));
    }

    [Fact]
    public async Task A_call_carries_at_most_5_MiB_counting_data_and_partition_keys()
    {
        using var kinesis = new FakeKinesis();

        await using var sink = await SendAsync(kinesis, Enumerable.Range(1, 40).Select(i => Record(i, 400_000)));

        Assert.All(kinesis.Calls, c => Assert.True(c.Bytes <= KinesisLimits.MaxBytesPerCall, $"a call of {c.Bytes} bytes"));
        Assert.Equal(40, kinesis.Calls.Sum(c => c.Records.Count));
        Assert.True(kinesis.Calls.Count >= 4, "16 MB of records need at least four calls");
        Assert.Equal(Enumerable.Range(1, 40), Numbers(kinesis.Calls));
    }

    [Fact]
    public async Task A_record_over_1_MiB_is_refused_before_anything_is_sent_and_earlier_records_are_delivered()
    {
        using var kinesis = new FakeKinesis();
        var sink = Sink(kinesis.Api());
        var records = new[] { Record(1), Record(2), new StreamRecord(new byte[KinesisLimits.MaxBytesPerRecord], "k"), Record(4) };

        var error = await Assert.ThrowsAsync<LakeException>(() => StreamRunner.RunAsync(records, sink, null, null, null, new FakeTimeProvider(), TestContext.Current.CancellationToken));

        Assert.Contains("record 3 is 1,048,577 bytes with its partition key; Kinesis accepts at most 1,048,576 bytes (1 MiB) per record", error.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2], Numbers(kinesis.Calls));
    }

    [Fact]
    public async Task Only_the_records_a_call_reports_as_failed_are_sent_again()
    {
        using var kinesis = new FakeKinesis((n, call) => n == 1
            ? FakeKinesis.PartialFailure(call.Records.Count, new Dictionary<int, string> { [1] = "ProvisionedThroughputExceededException", [3] = "InternalFailure" })
            : null);

        await using var sink = await SendAsync(kinesis, Enumerable.Range(1, 5).Select(i => Record(i)));

        var calls = kinesis.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal([2, 4], Numbers([calls[1]]));
        Assert.Equal(["key-2", "key-4"], calls[1].Records.Select(r => r.PartitionKey));
        Assert.Equal((5, 5, 2), (sink.Counters.Written, sink.Counters.Delivered, sink.Counters.Retried));
    }

    [Theory]
    [InlineData(400, "ProvisionedThroughputExceededException")]
    [InlineData(400, "KMSThrottlingException")]
    [InlineData(500, "InternalFailure")]
    public async Task A_throttled_or_failed_call_is_retried_whole(int status, string type)
    {
        using var kinesis = new FakeKinesis((n, _) => n <= 2 ? FakeKinesis.Error(status, type, "try again") : null);

        await using var sink = await SendAsync(kinesis, Enumerable.Range(1, 3).Select(i => Record(i)));

        Assert.Equal(3, kinesis.Calls.Count);
        Assert.All(kinesis.Calls, c => Assert.Equal(3, c.Records.Count));
        Assert.Equal((3, 6), (sink.Counters.Delivered, sink.Counters.Retried));
    }

    [Fact]
    public async Task A_validation_error_is_not_retried_and_names_the_lost_records()
    {
        using var kinesis = new FakeKinesis((_, _) => FakeKinesis.Error(400, "ValidationException", "1 validation error detected: Value at 'streamName' failed to satisfy constraint"));
        var sink = Sink(kinesis.Api());

        var error = await Assert.ThrowsAsync<StreamDeliveryException>(() => StreamRunner.RunAsync(Enumerable.Range(1, 3).Select(i => Record(i)), sink, null, null, null, new FakeTimeProvider(), TestContext.Current.CancellationToken));

        Assert.Single(kinesis.Calls);
        Assert.Equal(3, error.Lost);
        Assert.Contains("3 of 3 records were not delivered to Kinesis stream socar-lake-dev-rides", error.Message, StringComparison.Ordinal);
        Assert.Contains("ValidationException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_still_failing_after_the_last_attempt_end_the_stream_with_how_many_were_lost()
    {
        using var kinesis = new FakeKinesis((_, call) => FakeKinesis.PartialFailure(call.Records.Count, new Dictionary<int, string> { [0] = "ProvisionedThroughputExceededException" }));
        var sink = Sink(kinesis.Api());

        var error = await Assert.ThrowsAsync<StreamDeliveryException>(() => StreamRunner.RunAsync(Enumerable.Range(1, 4).Select(i => Record(i)), sink, null, null, null, new FakeTimeProvider(), TestContext.Current.CancellationToken));

        Assert.Equal(Fast.MaxAttempts, kinesis.Calls.Count);
        Assert.Equal(1, error.Lost);
        Assert.Contains("1 of 4 records were not delivered", error.Message, StringComparison.Ordinal);
        Assert.Contains($"still failed after {Fast.MaxAttempts} attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("ProvisionedThroughputExceededException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_grows_exponentially_up_to_its_cap_with_jitter_below_it()
    {
        var backoff = new Backoff(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
        var random = new Random(1);

        for (var retry = 1; retry <= 9; retry++)
        {
            var ceiling = Math.Min(2000, 100 * Math.Pow(2, retry - 1));
            var delays = Enumerable.Range(0, 200).Select(_ => backoff.DelayBefore(retry, random).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
            Assert.True(delays.Max() > ceiling * 0.8 && delays.Min() < ceiling * 0.2, "full jitter spreads waits over the whole range");
        }
    }
}
