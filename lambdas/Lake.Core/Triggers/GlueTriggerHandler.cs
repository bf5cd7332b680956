using SocarDataLake.Core.Events;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Core.Triggers;

/// <summary>What happened to one dataset or one message in a batch, for the caller to log.</summary>
public sealed record TriggerOutcome(string Subject, string Action, string Detail);

public sealed record TriggerBatchResult(SqsBatchResponse Response, IReadOnlyList<TriggerOutcome> Outcomes);

/// <summary>
/// The queue-retry wiring's glue-trigger (the local lake and `lake simulate --design queue-retry` run it): an
/// SQS batch of S3 ObjectCreated notifications → one crawl per dataset per batch. A crawl that cannot
/// start yet (already running, throttled) sends that dataset's messages back to the queue; a message that
/// can never succeed (not an S3 event, unsafe key, unknown dataset) goes to the dead letters with its
/// reason and is reported done, so SQS never retries it.
/// </summary>
public sealed class GlueTriggerHandler(IReadOnlySet<string> knownDatasets, ICrawler crawler, IDeadLetters deadLetters) : ISqsBatchHandler
{
    public async Task<TriggerBatchResult> HandleAsync(SqsEvent batch, CancellationToken cancellationToken)
    {
        var outcomes = new List<TriggerOutcome>();
        var messagesByDataset = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        foreach (var message in batch.Records)
        {
            var classified = IngestMessage.Classify(message, knownDatasets);
            foreach (var reason in classified.Poison)
            {
                await deadLetters.SendAsync(new DeadLetter("glue-trigger", message.Body, reason), cancellationToken);
                outcomes.Add(new TriggerOutcome(message.MessageId, "dead-lettered", reason));
            }
            foreach (var dataset in classified.Datasets.Keys)
            {
                if (!messagesByDataset.TryGetValue(dataset, out var ids)) messagesByDataset[dataset] = ids = [];
                ids.Add(message.MessageId);
            }
            if (classified.IsTestEvent) outcomes.Add(new TriggerOutcome(message.MessageId, "ignored", "s3:TestEvent"));
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
        return new TriggerBatchResult(new SqsBatchResponse { BatchItemFailures = failures }, outcomes);
    }
}
