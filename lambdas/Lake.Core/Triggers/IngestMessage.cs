using System.Text.Json;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Core.Triggers;

/// <summary>
/// One ingest-queue message read as S3 event notifications: the datasets it brings work for (with the latest
/// S3 eventTime of each, epoch milliseconds), and the reasons any part of it can never succeed (not an S3
/// event, an unsafe key, a dataset without a contract). The s3:TestEvent brings neither.
/// </summary>
public sealed record IngestMessage(IReadOnlyDictionary<string, long> Datasets, IReadOnlyList<string> Poison)
{
    public bool IsTestEvent { get; private init; }

    public static IngestMessage Classify(SqsMessage message, IReadOnlySet<string> knownDatasets)
    {
        var datasets = new Dictionary<string, long>(StringComparer.Ordinal);
        var poison = new List<string>();
        S3EventNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize(message.Body, EventJsonContext.Default.S3EventNotification);
        }
        catch (JsonException e)
        {
            return new IngestMessage(datasets, [$"message {message.MessageId}: the body is not JSON ({e.Message})"]);
        }
        if (notification is null || (!notification.IsTestEvent && notification.Records is null))
            return new IngestMessage(datasets, [$"message {message.MessageId}: the body is not an S3 event notification (no Records)"]);
        if (notification.IsTestEvent) return new IngestMessage(datasets, poison) { IsTestEvent = true };

        foreach (var record in notification.Records!)
        {
            var key = record.S3?.S3Object?.DecodedKey;
            if (key is null)
            {
                poison.Add($"message {message.MessageId}: a record has no s3.object.key");
                continue;
            }
            if (!RawKey.TryParse(key, out var rawKey, out var reason))
            {
                poison.Add($"raw object '{key}': {reason}");
                continue;
            }
            if (!knownDatasets.Contains(rawKey!.Dataset))
            {
                poison.Add($"raw object '{key}': no contract for dataset '{rawKey.Dataset}' (known: {string.Join(", ", knownDatasets.Order(StringComparer.Ordinal))})");
                continue;
            }
            var time = record.EventTime?.ToUnixTimeMilliseconds() ?? 0;
            datasets[rawKey.Dataset] = Math.Max(time, datasets.GetValueOrDefault(rawKey.Dataset));
        }
        return new IngestMessage(datasets, poison);
    }
}
