using System.Text.Json;
using SocarDataLake.Aws;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Producers.Kinesis;

/// <summary>The outcome of one record in a PutRecords call: no error code means Kinesis stored it.</summary>
public sealed record PutRecordOutcome(string? ErrorCode, string? ErrorMessage)
{
    public bool Failed => ErrorCode is not null;
}

/// <summary>
/// One Kinesis PutRecords call over the signed JSON client: records as base64 Data plus PartitionKey, the
/// stream by StreamARN when given an ARN and by StreamName otherwise. The response lists one entry per
/// request record, in order; failed entries carry ErrorCode and ErrorMessage.
/// </summary>
public sealed class KinesisPutRecords(AwsJsonClient kinesis, string stream)
{
    public string Stream => stream;

    public async Task<IReadOnlyList<PutRecordOutcome>> PutAsync(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken)
    {
        var body = AwsJsonClient.Json(w =>
        {
            w.WriteString(stream.StartsWith("arn:", StringComparison.Ordinal) ? "StreamARN" : "StreamName", stream);
            w.WriteStartArray("Records");
            foreach (var record in records)
            {
                w.WriteStartObject();
                w.WriteBase64String("Data", record.Data);
                w.WriteString("PartitionKey", record.PartitionKey);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        using var response = await kinesis.CallAsync("PutRecords", body, cancellationToken);
        var entries = response.RootElement.TryGetProperty("Records", out var list) && list.ValueKind == JsonValueKind.Array ? list : default;
        if (entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() != records.Count)
            throw new InvalidDataException($"PutRecords answered {(entries.ValueKind == JsonValueKind.Array ? entries.GetArrayLength() : 0)} result entries for {records.Count} records.");
        return entries.EnumerateArray().Select(e => new PutRecordOutcome(Text(e, "ErrorCode"), Text(e, "ErrorMessage"))).ToList();
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
