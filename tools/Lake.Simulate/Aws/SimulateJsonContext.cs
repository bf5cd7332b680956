using System.Text.Json.Serialization;

namespace SocarDataLake.Simulate.Aws;

/// <summary>A scheduled rule's event as EventBridge sends it: detail-type "Scheduled Event", source aws.events, an empty detail.</summary>
public sealed record ScheduledEvent(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("detail-type")] string DetailType,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("time")] string Time,
    [property: JsonPropertyName("resources")] IReadOnlyList<string> Resources)
{
    [JsonPropertyName("detail")] public Dictionary<string, string> Detail { get; init; } = [];
}

[JsonSerializable(typeof(ScheduledEvent))]
public sealed partial class SimulateJsonContext : JsonSerializerContext;
