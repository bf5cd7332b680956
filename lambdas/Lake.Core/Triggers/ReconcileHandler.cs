using SocarDataLake.Core.Events;
using SocarDataLake.Core.Orchestration;

namespace SocarDataLake.Core.Triggers;

/// <summary>
/// etl-trigger in orchestration v2: an SQS batch of the reconcile queue (EventBridge events: crawler and job
/// state changes, the sweep) → one reconcile per named dataset. A reconcile that must be tried again (a
/// throttle, a lost conditional write, an error) returns the messages that named its dataset as batch item
/// failures, so SQS delivers them again; it never throws away the batch.
/// </summary>
public sealed class ReconcileHandler(IReadOnlyList<string> datasets, string crawlerPrefix, string jobPrefix, Reconciler reconciler) : ISqsBatchHandler
{
    public async Task<TriggerBatchResult> HandleAsync(SqsEvent batch, CancellationToken cancellationToken)
    {
        var outcomes = new List<TriggerOutcome>();
        var messagesByDataset = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var message in batch.Records)
        {
            var request = ReconcileRequest.Parse(message.Body, datasets, crawlerPrefix, jobPrefix);
            if (request.Datasets.Count == 0) outcomes.Add(new TriggerOutcome(message.MessageId, "ignored", request.Why));
            foreach (var dataset in request.Datasets)
            {
                if (!messagesByDataset.TryGetValue(dataset, out var ids)) messagesByDataset[dataset] = ids = [];
                ids.Add(message.MessageId);
            }
        }

        var retry = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (dataset, ids) in messagesByDataset.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            ReconcileResult result;
            try
            {
                result = await reconciler.ReconcileAsync(dataset, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result = new ReconcileResult(dataset, true, [$"{e.GetType().Name}: {e.Message}"]);
            }
            if (result.Retry) retry.UnionWith(ids);
            outcomes.Add(new TriggerOutcome(dataset, result.Retry ? "retry-later" : "reconciled", result.Summary));
        }

        var failures = batch.Records.Where(m => retry.Contains(m.MessageId)).Select(m => new SqsBatchItemFailure(m.MessageId)).ToList();
        return new TriggerBatchResult(new SqsBatchResponse { BatchItemFailures = failures }, outcomes);
    }
}
