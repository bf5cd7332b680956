using SocarDataLake.Simulate.Aws;

namespace SocarDataLake.Simulate.Tests;

/// <summary>Using dead-letter queues in Amazon SQS; Amazon SQS visibility timeout.</summary>
public sealed class SqsQueueTests
{
    [Fact]
    public void A_message_received_maxReceiveCount_times_moves_to_the_DLQ_on_the_next_receive_keeping_its_enqueue_time()
    {
        var (scheduler, _, faults, ledger) = TestLakes.Parts();
        var dlq = new SqsQueue(scheduler, faults, ledger, "dlq", 30, 1e9);
        var queue = new SqsQueue(scheduler, faults, ledger, "q", visibilityTimeoutSeconds: 180, retentionSeconds: 1e9, maxReceiveCount: 5, deadLetterQueue: dlq);
        queue.Send("body");
        var receivedAt = new List<double>();
        queue.MessageVisible += () => scheduler.After(0, () =>
        {
            foreach (var m in queue.Receive(10)) receivedAt.Add(scheduler.Now);
        });
        foreach (var m in queue.Receive(10)) receivedAt.Add(scheduler.Now);

        scheduler.RunUntil(3600);

        Assert.Equal([0.0, 180, 360, 540, 720], receivedAt);
        var moved = Assert.Single(dlq.Arrived);
        Assert.Equal((5, 0.0), (moved.ReceiveCount, moved.SentAt));
    }

    [Fact]
    public void A_received_message_stays_hidden_for_the_visibility_timeout_and_a_deleted_one_never_returns()
    {
        var (scheduler, _, faults, ledger) = TestLakes.Parts();
        var queue = new SqsQueue(scheduler, faults, ledger, "q", visibilityTimeoutSeconds: 180, retentionSeconds: 1e9);
        queue.Send("kept");
        queue.Send("deleted");
        var first = queue.Receive(10);
        queue.Delete([first[1]]);

        scheduler.RunUntil(179);
        Assert.Equal(0, queue.VisibleCount);
        scheduler.RunUntil(180);
        Assert.Equal("kept", Assert.Single(queue.Receive(10)).Body);
    }

    // Found by a hostile review: each copy carried on the count of the receive that deleted it, so at
    // --fail-rate sqs-duplicate=0.5 one message in 32 was delivered five times, succeeded every time, and was
    // moved to the DLQ on the sixth: valid work dead-lettered by duplicates alone.
    [Fact]
    public void A_copy_left_by_a_missed_delete_is_delivered_again_but_never_brings_the_message_nearer_its_DLQ()
    {
        var (scheduler, _, faults, ledger) = TestLakes.Parts(new() { ["sqs-duplicate"] = 1 });
        var dlq = new SqsQueue(scheduler, faults, ledger, "dlq", 30, 1e9);
        var queue = new SqsQueue(scheduler, faults, ledger, "q", visibilityTimeoutSeconds: 180, retentionSeconds: 1e9, maxReceiveCount: 5, deadLetterQueue: dlq);
        var counts = new List<int>();
        // The consumer fails the first two deliveries (they come back after the visibility timeout), then processes
        // and deletes every delivery, and every delete misses one copy.
        void Consume()
        {
            foreach (var m in queue.Receive(10))
            {
                counts.Add(m.ReceiveCount);
                if (counts.Count > 2) queue.Delete([m]);
            }
        }
        queue.MessageVisible += () => scheduler.After(0, Consume);
        queue.Send("body");

        scheduler.RunUntil(1800);

        Assert.Empty(dlq.Arrived);
        Assert.True(counts.Count > 100, $"{counts.Count} deliveries");
        Assert.Equal([1, 2, 3], counts.Take(3));
        Assert.All(counts.Skip(3), count => Assert.Equal(3, count));
    }
}
