using SocarDataLake.Core.Events;
using SocarDataLake.Simulate.Engine;

namespace SocarDataLake.Simulate.Aws;

/// <summary>
/// Lambda's SQS event source mapping with ReportBatchItemFailures.
/// - Lambda parameters for Amazon SQS event source mappings: up to BatchSize messages per invocation; with a
///   batching window, Lambda waits up to the window for a full batch.
/// - Configuring scaling behavior for SQS event source mappings: five concurrent batches at first, up to 300
///   more per minute while messages remain, at most 1,000, or the mapping's maximum concurrency.
/// - Handling errors for an SQS event source in Lambda: with ReportBatchItemFailures only the listed
///   messages return to the queue, when their visibility timeout ends; a function error, or a response naming
///   an empty or unknown itemIdentifier, fails the whole batch; a throttled batch is retried by Lambda until
///   the visibility timeout ends, then the messages return to the queue (the receive still counts).
/// </summary>
public sealed class SqsEventSourceMapping
{
    private readonly Scheduler scheduler;
    private readonly SqsQueue queue;
    private readonly LambdaFunction function;
    private readonly int batchSize;
    private readonly double batchingWindow;
    private readonly int maximumConcurrency;
    private readonly Func<SqsEvent, SqsBatchResponse> handler;
    private int inFlight;
    private bool windowOpen;
    private double? backlogSince;

    public SqsEventSourceMapping(Scheduler scheduler, SqsQueue queue, LambdaFunction function, int batchSize, double batchingWindowSeconds,
        int? maximumConcurrency, Func<SqsEvent, SqsBatchResponse> handler)
    {
        this.scheduler = scheduler;
        this.queue = queue;
        this.function = function;
        this.batchSize = batchSize;
        batchingWindow = batchingWindowSeconds;
        this.maximumConcurrency = Math.Min(maximumConcurrency ?? 1000, 1000);
        this.handler = handler;
        queue.MessageVisible += Poll;
    }

    public int Batches { get; private set; }

    /// <summary>Concurrent batches Lambda allows now: scaling from 5 by 300 a minute while a backlog lasts.</summary>
    private int Limit()
    {
        if (queue.VisibleCount == 0) backlogSince = null;
        else backlogSince ??= scheduler.Now;
        var scaled = 5 + 300 * (int)((scheduler.Now - (backlogSince ?? scheduler.Now)) / 60);
        return Math.Min(maximumConcurrency, scaled);
    }

    private void Poll()
    {
        while (inFlight < Limit() && queue.VisibleCount > 0)
        {
            if (batchingWindow > 0 && queue.VisibleCount < batchSize)
            {
                if (!windowOpen)
                {
                    windowOpen = true;
                    scheduler.After(batchingWindow, () =>
                    {
                        windowOpen = false;
                        TakeBatch();
                        Poll();
                    });
                }
                return;
            }
            TakeBatch();
        }
    }

    private void TakeBatch()
    {
        if (inFlight >= Limit()) return;
        var messages = queue.Receive(batchSize);
        if (messages.Count == 0) return;
        inFlight++;
        Batches++;
        Invoke(messages, scheduler.Now, backoff: 1);
    }

    private void Invoke(List<QueuedMessage> messages, double receivedAt, double backoff)
    {
        var batch = new SqsEvent
        {
            Records = messages.Select(Record).ToList(),
        };
        SqsBatchResponse? response = null;
        function.Invoke(() =>
        {
            response = handler(batch);
            return true;
        }, result =>
        {
            if (result == InvocationResult.Throttled)
            {
                // Lambda keeps retrying a throttled batch until its visibility timeout ends.
                if (scheduler.Now + backoff < receivedAt + queue.VisibilityTimeoutSeconds)
                {
                    scheduler.After(backoff, () => Invoke(messages, receivedAt, Math.Min(backoff * 2, 60)));
                    return;
                }
                Done();
                return;
            }
            if (result == InvocationResult.Succeeded && response is not null)
            {
                var failed = FailedIds(response, messages);
                if (failed is not null) queue.Delete(messages.Where(m => !failed.Contains(m.Id)).ToList());
            }
            Done();
        });
    }

    /// <summary>The ids to retry, or null when the response fails the whole batch.</summary>
    private static HashSet<string>? FailedIds(SqsBatchResponse response, List<QueuedMessage> messages)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var known = messages.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var failure in response.BatchItemFailures)
        {
            if (string.IsNullOrEmpty(failure.ItemIdentifier) || !known.Contains(failure.ItemIdentifier)) return null;
            ids.Add(failure.ItemIdentifier);
        }
        return ids;
    }

    private void Done()
    {
        inFlight--;
        Poll();
    }

    /// <summary>The record Lambda hands the function for one message, with its receive count attribute.</summary>
    private static SqsMessage Record(QueuedMessage message) => new()
    {
        MessageId = message.Id,
        Body = message.Body,
        ReceiptHandle = message.Id + "#" + message.ReceiveCount,
        EventSource = "aws:sqs",
        Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = message.ReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };
}
