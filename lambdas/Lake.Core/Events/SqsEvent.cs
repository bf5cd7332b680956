using System.Text.Json.Serialization;

namespace SocarDataLake.Core.Events;

/// <summary>A batch of SQS messages as Lambda's event source mapping delivers it.</summary>
public sealed record SqsEvent
{
    [JsonPropertyName("Records")] public IReadOnlyList<SqsMessage> Records { get; set; } = [];
}

public sealed record SqsMessage
{
    [JsonPropertyName("messageId")] public string MessageId { get; set; } = "";
    [JsonPropertyName("receiptHandle")] public string? ReceiptHandle { get; init; }
    [JsonPropertyName("body")] public string Body { get; set; } = "";
    [JsonPropertyName("attributes")] public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; init; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }

    public int ReceiveCount => Attributes is not null && Attributes.TryGetValue("ApproximateReceiveCount", out var n) && int.TryParse(n, out var count) ? count : 1;
}

/// <summary>The partial-batch response: only the listed messages return to the queue for a retry.</summary>
public sealed record SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")] public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; set; } = [];
}

public sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
