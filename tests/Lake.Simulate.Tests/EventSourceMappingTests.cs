using SocarDataLake.Core.Events;
using SocarDataLake.Simulate.Aws;

namespace SocarDataLake.Simulate.Tests;

/// <summary>Handling errors for an SQS event source in Lambda: partial batch responses.</summary>
public sealed class EventSourceMappingTests
{
    private static (SqsQueue Queue, List<int> BatchSizes, Engine.Scheduler Scheduler) Mapping(Func<SqsEvent, SqsBatchResponse> handler)
    {
        var (scheduler, random, faults, ledger) = TestLakes.Parts();
        var queue = new SqsQueue(scheduler, faults, ledger, "q", 180, 1e9);
        var function = new LambdaFunction(scheduler, random, faults, ledger, TestLakes.Function("glue-trigger"));
        var sizes = new List<int>();
        _ = new SqsEventSourceMapping(scheduler, queue, function, batchSize: 10, batchingWindowSeconds: 0, maximumConcurrency: 2, batch =>
        {
            sizes.Add(batch.Records.Count);
            return handler(batch);
        });
        return (queue, sizes, scheduler);
    }

    [Fact]
    public void Only_the_reported_items_come_back_after_the_visibility_timeout()
    {
        var (queue, sizes, scheduler) = Mapping(batch => new SqsBatchResponse
        {
            BatchItemFailures = batch.Records.Where(r => r.Body == "fails").Select(r => new SqsBatchItemFailure(r.MessageId)).ToList(),
        });
        scheduler.At(0, () =>
        {
            queue.Send("ok");
            queue.Send("fails");
        });

        scheduler.RunUntil(100);
        scheduler.RunUntil(200);

        Assert.Equal("fails", Assert.Single(queue.Arrived, m => !m.Gone).Body);
        Assert.Equal(2, queue.Arrived.Single(m => m.Body == "fails").ReceiveCount);
        Assert.Equal(1, sizes[^1]);
    }

    [Fact]
    public void An_unknown_itemIdentifier_fails_the_whole_batch()
    {
        var (queue, _, scheduler) = Mapping(_ => new SqsBatchResponse { BatchItemFailures = [new SqsBatchItemFailure("not-in-this-batch")] });
        scheduler.At(0, () =>
        {
            queue.Send("a");
            queue.Send("b");
        });

        scheduler.RunUntil(100);

        Assert.All(queue.Arrived, m => Assert.False(m.Gone));
    }
}
