using SocarDataLake.Simulate.Aws;
using SocarDataLake.Simulate.Designs;
using SocarDataLake.Simulate.Plan;

namespace SocarDataLake.Simulate.Tests;

/// <summary>
/// Orchestration v2 (`current`), with the real handlers: the situations that broke the queue-retry wiring
/// now lose and repeat nothing, and a lost Glue event is carried by the sweep alone.
/// </summary>
public sealed class ReconcilerDesignTests
{
    private static readonly ReconcilerDesign Current = new();

    private static SimulatedLake Lake(double crawlMinutes, double jobMinutes, Dictionary<string, double>? faults = null) =>
        TestLakes.Wired(Current, new SimulationOptions { CrawlerMinutes = (crawlMinutes, crawlMinutes), JobMinutes = (jobMinutes, jobMinutes), FaultRates = faults ?? [] });

    [Fact]
    public void A_crawl_that_succeeds_during_a_10_minute_job_run_gets_exactly_one_follow_up_run()
    {
        var lake = Lake(crawlMinutes: 2, jobMinutes: 10);
        var first = TestLakes.UploadAt(lake, 0, "first");
        var second = TestLakes.UploadAt(lake, 4, "second");
        var third = TestLakes.UploadAt(lake, 7, "third");

        lake.Scheduler.RunUntil(3 * 3600);

        Assert.All(new[] { first, second, third }, key => Assert.Single(TestLakes.Object(lake, key).WrittenBy));
        // One run for the first upload, one follow-up for the two that arrived during it.
        Assert.Equal(2, lake.Jobs.Runs.Count);
        Assert.Equal(TestLakes.Object(lake, second).WrittenBy, TestLakes.Object(lake, third).WrittenBy);
    }

    [Fact]
    public void A_crawl_of_20_minutes_sends_nothing_to_the_DLQ_and_the_uploads_during_it_get_one_more_crawl()
    {
        var lake = Lake(crawlMinutes: 20, jobMinutes: 5);
        TestLakes.UploadAt(lake, 0, "first");
        for (var i = 1; i <= 5; i++) TestLakes.UploadAt(lake, i, $"during-{i}");

        lake.Scheduler.RunUntil(3 * 3600);

        Assert.Empty(lake.Queues["ingest-dlq"].Arrived);
        Assert.All(lake.Ledger.Objects, o => Assert.Single(o.WrittenBy));
        Assert.Equal(2, lake.Crawlers.Started);
        Assert.All(lake.Queues["ingest"].Arrived, m => Assert.True(m.Gone && m.ReceiveCount == 1, $"{m.Id} was received {m.ReceiveCount} times"));
    }

    [Fact]
    public void With_every_Glue_event_lost_the_sweep_alone_carries_every_upload_through_once()
    {
        var lake = Lake(crawlMinutes: 3, jobMinutes: 5, new() { ["glue-event-lost"] = 1 });
        for (var i = 0; i < 10; i++) TestLakes.UploadAt(lake, i * 7, $"u{i}");

        lake.Scheduler.RunUntil(4 * 3600);

        Assert.All(lake.Ledger.Objects, o => Assert.Single(o.WrittenBy));
        Assert.True(lake.GlueEvents.Lost > 0);
    }

    [Fact]
    public void Without_the_sweep_a_lost_crawler_event_strands_the_upload_until_another_arrives()
    {
        // The mutation the sweep guards against: the rule removed (here: a sweep too rare to come).
        var plan = TestLakes.Plan;
        var noSweep = plan with { Reconcile = ReconcileSettings.FromSpec(plan) with { SweepMinutes = Setting.FromPlan(100_000.0, "test") } };
        var lake = new SimulatedLake(noSweep, new SimulationOptions { CrawlerMinutes = (3, 3), JobMinutes = (5, 5), KeepLog = true, FaultRates = new Dictionary<string, double> { ["glue-event-lost"] = 1 } });
        Current.Wire(lake);
        var key = TestLakes.UploadAt(lake, 0, "stranded");

        lake.Scheduler.RunUntil(6 * 3600);

        Assert.Empty(TestLakes.Object(lake, key).WrittenBy);
    }

    [Fact]
    public void A_failed_crawl_is_crawled_again_and_alerted()
    {
        var lake = Lake(crawlMinutes: 3, jobMinutes: 5, new() { ["crawler"] = 1 });
        var key = TestLakes.UploadAt(lake, 0, "unlucky");

        lake.Scheduler.RunUntil(4 * 3600);

        // Three failed crawls in a row (the bound), then the job runs without a fourth.
        Assert.Equal(3, lake.Crawlers.Started);
        Assert.Single(TestLakes.Object(lake, key).WrittenBy);
        Assert.Equal(3, lake.AsyncFunctions["ops-notifier"].Events.Count(e => e.Payload.Contains("\"Failed\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Lost_conditional_writes_and_throttles_are_retried_through_the_queue_and_lose_nothing()
    {
        var lake = Lake(crawlMinutes: 3, jobMinutes: 6, new() { ["reconcile-race"] = 0.5, ["dynamodb-throttle"] = 0.2 });
        for (var i = 0; i < 30; i++) TestLakes.UploadAt(lake, i * 4, $"u{i}");

        lake.Scheduler.RunUntil(8 * 3600);

        Assert.True(lake.StateTable.ConditionsFailed > 0 && lake.StateTable.Throttled > 0);
        Assert.All(lake.Ledger.Objects, o => Assert.Single(o.WrittenBy));
        Assert.Empty(lake.Queues["ingest-dlq"].Arrived);
    }
}
