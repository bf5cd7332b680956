using System.Text.Json.Serialization;

namespace SocarDataLake.Core.Events;

/// <summary>An EventBridge event envelope with a typed detail.</summary>
public sealed record EventBridgeEvent<TDetail>
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("detail-type")] public string? DetailType { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("account")] public string? Account { get; init; }
    [JsonPropertyName("time")] public DateTimeOffset? Time { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("detail")] public TDetail? Detail { get; init; }
}

/// <summary>Detail of "Glue Crawler State Change" (state Started, Succeeded or Failed).</summary>
public sealed record GlueCrawlerStateChange
{
    [JsonPropertyName("crawlerName")] public string? CrawlerName { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; init; }
}

/// <summary>Detail of "Glue Job State Change" (SUCCEEDED, FAILED, TIMEOUT, STOPPED).</summary>
public sealed record GlueJobStateChange
{
    [JsonPropertyName("jobName")] public string? JobName { get; init; }
    [JsonPropertyName("jobRunId")] public string? JobRunId { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("severity")] public string? Severity { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}
