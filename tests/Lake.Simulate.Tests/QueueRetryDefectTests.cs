using SocarDataLake.Simulate.Aws;
using SocarDataLake.Simulate.Designs;

namespace SocarDataLake.Simulate.Tests;

/// <summary>
/// The queue-retry wiring (the one before orchestration v2) reproduces the defects issue 12 names, with the real glue-trigger and etl-trigger handlers:
/// a job run longer than about 3 minutes loses a later crawl's trigger, and a crawl longer than about 15
/// minutes sends valid S3 events to the DLQ.
/// </summary>
public sealed class QueueRetryDefectTests
{
    private static readonly QueueRetryDesign QueueRetry = new();

    private static SimulatedLake Lake(double crawlMinutes, double jobMinutes) =>
        TestLakes.Wired(QueueRetry, new SimulationOptions { CrawlerMinutes = (crawlMinutes, crawlMinutes), JobMinutes = (jobMinutes, jobMinutes) });

    [Fact]
    public void A_job_run_of_10_minutes_loses_the_trigger_of_a_crawl_that_succeeds_during_it_and_that_data_is_never_processed()
    {
        var lake = Lake(crawlMinutes: 2, jobMinutes: 10);
        var first = TestLakes.UploadAt(lake, 0, "first");
        var second = TestLakes.UploadAt(lake, 4, "second");

        lake.Scheduler.RunUntil(3 * 3600);

        Assert.Single(TestLakes.Object(lake, first).WrittenBy);
        Assert.Empty(TestLakes.Object(lake, second).WrittenBy);
        var etl = lake.AsyncFunctions["etl-trigger"];
        var lost = Assert.Single(etl.Events, e => e.Outcome == AsyncOutcome.Discarded);
        Assert.Equal(3, lost.Attempts.Count);
        Assert.Equal(3, lake.Jobs.RefusedConcurrent);
    }

    [Fact]
    public void The_same_lost_trigger_is_picked_up_only_by_an_unrelated_later_crawl()
    {
        var lake = Lake(crawlMinutes: 2, jobMinutes: 10);
        TestLakes.UploadAt(lake, 0, "first");
        var second = TestLakes.UploadAt(lake, 4, "second");
        TestLakes.UploadAt(lake, 90, "unrelated");

        lake.Scheduler.RunUntil(3 * 3600);

        var waited = TestLakes.Object(lake, second).QueryableAt!.Value - TestLakes.Object(lake, second).LandedAt;
        Assert.True(waited > 85 * 60, $"the second upload became queryable after {waited / 60:0} min");
    }

    [Fact]
    public void A_job_run_shorter_than_the_retry_schedule_loses_nothing()
    {
        var lake = Lake(crawlMinutes: 2, jobMinutes: 2.5);
        var first = TestLakes.UploadAt(lake, 0, "first");
        var second = TestLakes.UploadAt(lake, 4, "second");

        lake.Scheduler.RunUntil(3 * 3600);

        Assert.Single(TestLakes.Object(lake, first).WrittenBy);
        Assert.Single(TestLakes.Object(lake, second).WrittenBy);
        Assert.DoesNotContain(lake.AsyncFunctions["etl-trigger"].Events, e => e.Outcome == AsyncOutcome.Discarded);
    }

    [Fact]
    public void A_crawl_of_20_minutes_sends_a_valid_S3_event_to_the_DLQ_after_5_receives_180_s_apart()
    {
        var lake = Lake(crawlMinutes: 20, jobMinutes: 5);
        TestLakes.UploadAt(lake, 0, "first");
        var second = TestLakes.UploadAt(lake, 1, "second");

        lake.Scheduler.RunUntil(3 * 3600);

        Assert.Equal(1, TestLakes.Object(lake, second).DeadLettered);
        Assert.Equal(1, lake.Ledger.ValidEventsDeadLettered);
        var moved = Assert.Single(lake.Queues["ingest-dlq"].Arrived);
        Assert.Equal(5, moved.ReceiveCount);
    }

    [Fact]
    public void A_crawl_of_10_minutes_dead_letters_nothing()
    {
        var lake = Lake(crawlMinutes: 10, jobMinutes: 5);
        TestLakes.UploadAt(lake, 0, "first");
        TestLakes.UploadAt(lake, 1, "second");

        lake.Scheduler.RunUntil(3 * 3600);

        Assert.Equal(0, lake.Ledger.ValidEventsDeadLettered);
        Assert.Empty(lake.Queues["ingest-dlq"].Arrived);
    }

    [Fact]
    public void Poison_keys_reach_the_DLQ_through_the_handler_and_count_apart_from_valid_work()
    {
        var lake = Lake(crawlMinutes: 2, jobMinutes: 3);
        lake.Scheduler.At(60, () => lake.Bucket.Put("nope", "nope/ingest_date=2026-12-01/x.csv", valid: false));

        lake.Scheduler.RunUntil(3600);

        Assert.Equal((1, 0), (lake.Ledger.PoisonEventsDeadLettered, lake.Ledger.ValidEventsDeadLettered));
    }
}
