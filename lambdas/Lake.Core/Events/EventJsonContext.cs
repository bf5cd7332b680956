using System.Text.Json.Serialization;

namespace SocarDataLake.Core.Events;

// Source-generated: the Lambdas are Native AOT, where reflection-based serialization is unavailable.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(S3EventNotification))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(EventBridgeEvent<GlueCrawlerStateChange>))]
[JsonSerializable(typeof(EventBridgeEvent<GlueJobStateChange>))]
[JsonSerializable(typeof(SocarDataLake.Core.Triggers.TriggerOutcome))]
[JsonSerializable(typeof(SocarDataLake.Core.Ports.Notification))]
public sealed partial class EventJsonContext : JsonSerializerContext;
