using System.Collections.Concurrent;
using System.Text.Json;
using SocarDataLake.Aws;
using SocarDataLake.Producers.Kinesis;

namespace SocarDataLake.Producers.Tests;

/// <summary>One PutRecords call as the fake received it: its records' decoded data and partition keys.</summary>
public sealed record PutCall(RecordedRequest Request, string? StreamName, string? StreamArn, IReadOnlyList<(byte[] Data, string PartitionKey)> Records)
{
    public long Bytes => Records.Sum(r => r.Data.Length + System.Text.Encoding.UTF8.GetByteCount(r.PartitionKey));
}

/// <summary>
/// Kinesis PutRecords on loopback, after the Amazon Kinesis Data Streams API Reference, PutRecords: a 200 answer may
/// still fail some records (FailedRecordCount, and per record ErrorCode ProvisionedThroughputExceededException or
/// InternalFailure), which the caller must resend. By default every record succeeds; <c>answer</c> may instead
/// return a whole response for the n-th call (status and body), e.g. per-record failures or an error for the whole call.
/// </summary>
internal sealed class FakeKinesis : IDisposable
{
    private readonly LoopbackServer _server;
    private readonly HttpClient _http = new();
    private int _calls;

    public ConcurrentQueue<PutCall> Calls { get; } = new();
    public string Url => _server.Url;

    public FakeKinesis(Func<int, PutCall, CannedResponse?>? answer = null)
    {
        _server = new LoopbackServer(request =>
        {
            var call = Parse(request);
            Calls.Enqueue(call);
            var n = Interlocked.Increment(ref _calls);
            return Task.FromResult(answer?.Invoke(n, call) ?? Success(call.Records.Count));
        });
    }

    public KinesisPutRecords Api(string stream = "socar-lake-dev-rides") =>
        new(AwsClients.Kinesis(_http, new AwsCredentials("AKIDTEST", "secret", null), "ap-south-1", TimeProvider.System, new Uri(_server.Url)), stream);

    public static CannedResponse Success(int records) =>
        new(200, JsonSerializer.Serialize(new { FailedRecordCount = 0, Records = Enumerable.Range(0, records).Select(i => new { SequenceNumber = $"{i + 1}", ShardId = "shardId-000000000000" }) }));

    /// <summary>A 200 response in which the records at <paramref name="failed"/> carry the error code.</summary>
    public static CannedResponse PartialFailure(int records, IReadOnlyDictionary<int, string> failed) =>
        new(200, JsonSerializer.Serialize(new
        {
            FailedRecordCount = failed.Count,
            Records = Enumerable.Range(0, records).Select(i => failed.TryGetValue(i, out var code)
                ? (object)new { ErrorCode = code, ErrorMessage = code == "InternalFailure" ? "Internal Service Failure" : "Rate exceeded for shard shardId-000000000000 in stream rides under account 123456789012." }
                : new { SequenceNumber = $"{i + 1}", ShardId = "shardId-000000000000" }),
        }));

    public static CannedResponse Error(int status, string type, string message) =>
        new(status, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }));

    private static PutCall Parse(RecordedRequest request)
    {
        var body = JsonDocument.Parse(request.Body).RootElement;
        var records = body.GetProperty("Records").EnumerateArray()
            .Select(r => (Convert.FromBase64String(r.GetProperty("Data").GetString()!), r.GetProperty("PartitionKey").GetString()!))
            .ToList();
        return new PutCall(request, body.TryGetProperty("StreamName", out var name) ? name.GetString() : null,
            body.TryGetProperty("StreamARN", out var arn) ? arn.GetString() : null, records);
    }

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
    }
}
