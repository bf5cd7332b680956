using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Aws;

/// <summary>One SQS message and its delivery state.</summary>
public sealed class QueuedMessage(string id, string body, double sentAt)
{
    public string Id { get; } = id;
    public string Body { get; } = body;

    /// <summary>The original enqueue time: a message moved to a DLQ keeps it (Using dead-letter queues in Amazon SQS).</summary>
    public double SentAt { get; } = sentAt;
    public int ReceiveCount { get; set; }
    public double VisibleAt { get; set; }
    public bool InFlight { get; set; }
    public bool Gone { get; set; }
}

/// <summary>
/// An SQS standard queue. Amazon SQS standard queues: at-least-once delivery, best-effort order. Amazon SQS
/// visibility timeout: a received message is hidden for the timeout and reappears unless deleted. Using
/// dead-letter queues in Amazon SQS: each receive increments ApproximateReceiveCount, and a message whose
/// count exceeds maxReceiveCount is moved to the dead-letter queue instead of being returned.
/// </summary>
public sealed class SqsQueue(Engine.Scheduler scheduler, Engine.Faults faults, WorkLedger ledger, string name, double visibilityTimeoutSeconds,
    double retentionSeconds, int? maxReceiveCount = null, SqsQueue? deadLetterQueue = null)
{
    private readonly LinkedList<QueuedMessage> visible = new();
    private int nextId;

    public string Name { get; } = name;
    public double VisibilityTimeoutSeconds { get; } = visibilityTimeoutSeconds;
    public int? MaxReceiveCount { get; } = maxReceiveCount;

    /// <summary>Every message that ever arrived (a DLQ's content, for accounting and tests).</summary>
    public List<QueuedMessage> Arrived { get; } = [];

    /// <summary>Called when a message becomes visible: consumers (an event source mapping) wake up.</summary>
    public event Action? MessageVisible;

    /// <summary>Called for each message arriving, including ones moved here by a redrive.</summary>
    public event Action<QueuedMessage>? MessageArrived;

    public int VisibleCount => visible.Count;

    public QueuedMessage Send(string body)
    {
        ledger.SqsRequests++;
        return Enqueue(new QueuedMessage($"{Name}-{nextId++}", body, scheduler.Now));
    }

    private QueuedMessage Enqueue(QueuedMessage message)
    {
        message.VisibleAt = scheduler.Now;
        visible.AddLast(message);
        Arrived.Add(message);
        MessageArrived?.Invoke(message);
        MessageVisible?.Invoke();
        return message;
    }

    /// <summary>ReceiveMessage of up to <paramref name="max"/> visible messages (one request).</summary>
    public List<QueuedMessage> Receive(int max)
    {
        ledger.SqsRequests++;
        var received = new List<QueuedMessage>();
        while (received.Count < max && visible.First is { } node)
        {
            visible.RemoveFirst();
            var message = node.Value;
            if (scheduler.Now - message.SentAt > retentionSeconds)
            {
                message.Gone = true;
                continue;
            }
            if (MaxReceiveCount is { } limit && deadLetterQueue is not null && message.ReceiveCount >= limit)
            {
                // The receive that would exceed maxReceiveCount moves the message instead.
                message.Gone = true;
                var moved = new QueuedMessage(message.Id, message.Body, message.SentAt) { ReceiveCount = message.ReceiveCount };
                deadLetterQueue.Enqueue(moved);
                continue;
            }
            message.ReceiveCount++;
            message.InFlight = true;
            message.VisibleAt = scheduler.Now + VisibilityTimeoutSeconds;
            var receiveCount = message.ReceiveCount;
            scheduler.At(message.VisibleAt, () => ReturnIfNotDeleted(message, receiveCount));
            received.Add(message);
        }
        return received;
    }

    private void ReturnIfNotDeleted(QueuedMessage message, int receiveCount)
    {
        if (message.Gone || !message.InFlight || message.ReceiveCount != receiveCount) return;
        message.InFlight = false;
        visible.AddLast(message);
        MessageVisible?.Invoke();
    }

    /// <summary>DeleteMessage(Batch) of received messages: one request.</summary>
    public void Delete(IReadOnlyCollection<QueuedMessage> messages)
    {
        if (messages.Count == 0) return;
        ledger.SqsRequests++;
        foreach (var message in messages)
        {
            message.Gone = true;
            message.InFlight = false;
            // At-least-once (Amazon SQS at-least-once delivery; DeleteMessage): a server that missed the delete
            // keeps a copy, which is delivered again. ApproximateReceiveCount counts the receives "not deleted"
            // (ReceiveMessage), and the receive that deleted the message is not one, so the copy starts from the
            // receives before it: redrive is for messages not processed successfully (Using dead-letter queues
            // in Amazon SQS), and however many copies a processed message leaves, none is nearer the DLQ.
            if (faults.Strikes("sqs-duplicate"))
                scheduler.After(1, () => Enqueue(new QueuedMessage(message.Id, message.Body, message.SentAt) { ReceiveCount = message.ReceiveCount - 1 }));
        }
    }
}
