using System.Text.Json;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Core.Triggers;

/// <summary>What happened to one dataset or one message in a batch, for the caller to log.</summary>
public sealed record TriggerOutcome(string Subject, string Action, string Detail);

public sealed record GlueTriggerResult(SqsBatchResponse Response, IReadOnlyList<TriggerOutcome> Outcomes);

/// <summary>
/// SQS batch of S3 ObjectCreated notifications → one crawl per dataset per batch. A crawl that cannot
/// start yet (already running, throttled) sends that dataset's messages back to the queue; a message that
/// can never succeed (not an S3 event, unsafe key, unknown dataset) goes to the dead letters with its
/// reason and is reported done, so SQS never retries it.
/// </summary>
public sealed class GlueTriggerHandler(IReadOnlySet<string> knownDatasets, ICrawler crawler, IDeadLetters deadLetters)
{
    public async Task<GlueTriggerResult> HandleAsync(SqsEvent batch, CancellationToken cancellationToken)
    {
        var outcomes = new List<TriggerOutcome>();
        var messagesByDataset = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        foreach (var message in batch.Records)
        {
            var (datasets, poison) = Classify(message);
            foreach (var reason in poison)
            {
                await deadLetters.SendAsync(new DeadLetter("glue-trigger", message.Body, reason), cancellationToken);
                outcomes.Add(new TriggerOutcome(message.MessageId, "dead-lettered", reason));
            }
            foreach (var dataset in datasets)
            {
                if (!messagesByDataset.TryGetValue(dataset, out var ids)) messagesByDataset[dataset] = ids = [];
                ids.Add(message.MessageId);
            }
            if (datasets.Count == 0 && poison.Count == 0) outcomes.Add(new TriggerOutcome(message.MessageId, "ignored", "s3:TestEvent"));
        }

        var retry = new List<string>();
        foreach (var (dataset, messageIds) in messagesByDataset.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var start = await crawler.StartCrawlAsync(dataset, cancellationToken);
            if (start == CrawlStart.Started)
            {
                outcomes.Add(new TriggerOutcome(dataset, "crawl-started", $"{messageIds.Count} message(s)"));
                continue;
            }
            retry.AddRange(messageIds);
            outcomes.Add(new TriggerOutcome(dataset, "retry-later", $"crawler {start}; {messageIds.Count} message(s) back to the queue"));
        }

        var failures = retry.Distinct(StringComparer.Ordinal).Select(id => new SqsBatchItemFailure(id)).ToList();
        return new GlueTriggerResult(new SqsBatchResponse { BatchItemFailures = failures }, outcomes);
    }

    private (HashSet<string> Datasets, List<string> Poison) Classify(SqsMessage message)
    {
        var datasets = new HashSet<string>(StringComparer.Ordinal);
        var poison = new List<string>();
        S3EventNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize(message.Body, EventJsonContext.Default.S3EventNotification);
        }
        catch (JsonException e)
        {
            poison.Add($"message {message.MessageId}: the body is not JSON ({e.Message})");
            return (datasets, poison);
        }
        if (notification is null || (!notification.IsTestEvent && notification.Records is null))
        {
            poison.Add($"message {message.MessageId}: the body is not an S3 event notification (no Records)");
            return (datasets, poison);
        }
        if (notification.IsTestEvent) return (datasets, poison);

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
            datasets.Add(rawKey.Dataset);
        }
        return (datasets, poison);
    }
}
