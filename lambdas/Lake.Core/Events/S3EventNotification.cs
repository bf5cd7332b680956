using System.Text.Json.Serialization;

namespace SocarDataLake.Core.Events;

/// <summary>An S3 event notification as S3 sends it to SQS. Object keys arrive URL-encoded.</summary>
public sealed record S3EventNotification
{
    [JsonPropertyName("Records")] public IReadOnlyList<S3EventRecord>? Records { get; init; }

    /// <summary>Set only on the s3:TestEvent S3 sends when a notification is configured.</summary>
    [JsonPropertyName("Event")] public string? Event { get; init; }

    public bool IsTestEvent => Event == "s3:TestEvent";
}

public sealed record S3EventRecord
{
    [JsonPropertyName("eventVersion")] public string? EventVersion { get; init; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }
    [JsonPropertyName("eventTime")] public DateTimeOffset? EventTime { get; init; }
    [JsonPropertyName("eventName")] public string? EventName { get; init; }
    [JsonPropertyName("s3")] public S3Entity? S3 { get; init; }
}

public sealed record S3Entity
{
    [JsonPropertyName("bucket")] public S3Bucket? Bucket { get; init; }
    [JsonPropertyName("object")] public S3Object? S3Object { get; init; }
}

public sealed record S3Bucket
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("arn")] public string? Arn { get; init; }
}

public sealed record S3Object
{
    /// <summary>The key as S3 sends it: URL-encoded, with '+' for spaces.</summary>
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }
    [JsonPropertyName("eTag")] public string? ETag { get; init; }
    [JsonPropertyName("sequencer")] public string? Sequencer { get; init; }

    /// <summary>The real key: '+' is a space, then percent-decoding.</summary>
    public string? DecodedKey => Key is null ? null : Uri.UnescapeDataString(Key.Replace('+', ' '));
}
