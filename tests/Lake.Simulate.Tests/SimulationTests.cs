using SocarDataLake.Simulate.Designs;

namespace SocarDataLake.Simulate.Tests;

/// <summary>Whole runs: deterministic, and the seed design behaves as the original did.</summary>
public sealed class SimulationTests
{
    [Fact]
    public void The_same_seed_gives_the_same_figures_and_another_seed_other_ones()
    {
        var options = new SimulationOptions { Hours = 6, UploadsPerHour = 100, FaultRates = new Dictionary<string, double> { ["glue-event-duplicate"] = 0.1, ["lambda"] = 0.05 } };

        var a = Simulation.Run(TestLakes.Plan, new ReconcilerDesign(), options, TestLakes.Prices).Metrics;
        var b = Simulation.Run(TestLakes.Plan, new ReconcilerDesign(), options, TestLakes.Prices).Metrics;
        var c = Simulation.Run(TestLakes.Plan, new ReconcilerDesign(), options with { Seed = 2 }, TestLakes.Prices).Metrics;

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void A_simulated_day_of_the_50_records_a_second_stream_lands_one_object_a_minute()
    {
        // How long this takes is the Bench target's measurement, not a test's.
        var result = Simulation.Run(TestLakes.Plan, new ReconcilerDesign(), new SimulationOptions { StreamRecordsPerSecond = 50 }, TestLakes.Prices);

        // Firehose's 60 s buffer interval (from the plan) closes one object a minute.
        Assert.Equal(1440, result.Metrics.ObjectsLanded);
    }

    [Fact]
    public void The_seed_design_invokes_glue_trigger_once_per_object_and_retries_a_busy_crawler_twice()
    {
        var lake = TestLakes.Wired(new SeedDesign(), new SimulationOptions { CrawlerMinutes = (10, 10), JobMinutes = (3, 3) });
        TestLakes.UploadAt(lake, 0, "first");
        TestLakes.UploadAt(lake, 1, "second");

        lake.Scheduler.RunUntil(3 * 3600);

        var glueTrigger = lake.AsyncFunctions["glue-trigger"];
        // The test event S3 sends on configuration, then one event per object.
        Assert.Equal(3, glueTrigger.Events.Count);
        var second = glueTrigger.Events[^1];
        Assert.Equal(3, second.Attempts.Count);
        Assert.Equal(Aws.AsyncOutcome.Discarded, second.Outcome);
        Assert.Equal(1, lake.Crawlers.Started);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_job_that_fails_after_writing_its_output_duplicates_objects_with_bookmarks_and_never_with_the_run_ledger(bool ledger, bool duplicates)
    {
        var settings = TestLakes.Plan with
        {
            JobMaxRetries = Plan.Setting.FromPlan(3, "test"),
            JobCommitsThroughLedger = Plan.Setting.FromPlan(ledger, "test"),
        };
        var lake = new SimulatedLake(settings, new SimulationOptions { CrawlerMinutes = (2, 2), JobMinutes = (5, 5), Seed = 3, FaultRates = new Dictionary<string, double> { ["glue-job"] = 0.5 } });
        new QueueRetryDesign().Wire(lake);
        for (var i = 0; i < 40; i++) TestLakes.UploadAt(lake, i * 20, $"u{i}");

        lake.Scheduler.RunUntil(20 * 3600);

        Assert.Equal(duplicates, lake.Ledger.Objects.Any(o => o.WrittenBy.Count >= 2));
    }
}
