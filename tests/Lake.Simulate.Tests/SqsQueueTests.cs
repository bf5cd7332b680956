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
}
