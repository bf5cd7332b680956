using SocarDataLake.Core.Events;
using SocarDataLake.Core.Orchestration;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Core.Triggers;

/// <summary>
/// glue-trigger in orchestration v2: an SQS batch of S3 ObjectCreated notifications → for each dataset with
/// valid objects, one arrival counted in the state table, then the crawl half of the reconciler so a crawl
/// starts at once. A message is done once its arrival is counted: a running crawl never sends it back, because
/// the count keeps it wanted until a crawl covers it. Only a failed count (throttled) returns it to the queue.
/// Poison goes to the dead letters with its reason, as before.
/// </summary>
public sealed class RecordArrivalsHandler(IReadOnlySet<string> knownDatasets, IDatasetStateStore state, Reconciler crawls, IDeadLetters deadLetters) : ISqsBatchHandler
{
    public async Task<TriggerBatchResult> HandleAsync(SqsEvent batch, CancellationToken cancellationToken)
    {
        var outcomes = new List<TriggerOutcome>();
        var messagesByDataset = new Dictionary<string, (List<string> Ids, long EventTime)>(StringComparer.Ordinal);

        foreach (var message in batch.Records)
        {
            var classified = IngestMessage.Classify(message, knownDatasets);
            foreach (var reason in classified.Poison)
            {
                await deadLetters.SendAsync(new DeadLetter("glue-trigger", message.Body, reason), cancellationToken);
                outcomes.Add(new TriggerOutcome(message.MessageId, "dead-lettered", reason));
            }
            foreach (var (dataset, time) in classified.Datasets)
            {
                var entry = messagesByDataset.GetValueOrDefault(dataset, ([], 0));
                entry.Ids.Add(message.MessageId);
                messagesByDataset[dataset] = (entry.Ids, Math.Max(entry.EventTime, time));
            }
            if (classified.IsTestEvent) outcomes.Add(new TriggerOutcome(message.MessageId, "ignored", "s3:TestEvent"));
        }

        var retry = new List<string>();
        foreach (var (dataset, (ids, eventTime)) in messagesByDataset.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var recorded = await state.RecordArrivalAsync(dataset, eventTime, cancellationToken);
            if (recorded != StateWrite.Written)
            {
                retry.AddRange(ids);
                outcomes.Add(new TriggerOutcome(dataset, "retry-later", $"arrival not counted ({recorded}); {ids.Count} message(s) back to the queue"));
                continue;
            }
            outcomes.Add(new TriggerOutcome(dataset, "arrival-counted", $"{ids.Count} message(s)"));
            outcomes.Add(await ReconcileCrawlAsync(dataset, cancellationToken));
        }

        var failures = retry.Distinct(StringComparer.Ordinal).Select(id => new SqsBatchItemFailure(id)).ToList();
        return new TriggerBatchResult(new SqsBatchResponse { BatchItemFailures = failures }, outcomes);
    }

    // Best effort: the arrival is durable, so a reconcile that loses a race or fails here is done by etl-trigger
    // (the crawl's end, the sweep) instead. Failing the message would only re-count it and, five times over, put
    // valid work in the DLQ.
    private async Task<TriggerOutcome> ReconcileCrawlAsync(string dataset, CancellationToken cancellationToken)
    {
        try
        {
            var result = await crawls.ReconcileAsync(dataset, cancellationToken);
            return new TriggerOutcome(dataset, result.Retry ? "reconcile-deferred" : "reconciled", result.Summary);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new TriggerOutcome(dataset, "reconcile-deferred", $"{e.GetType().Name}: {e.Message}");
        }
    }
}
