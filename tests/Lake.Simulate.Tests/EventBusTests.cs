using SocarDataLake.Simulate.Aws;

namespace SocarDataLake.Simulate.Tests;

/// <summary>How EventBridge retries delivering events; Glue events are best effort.</summary>
public sealed class EventBusTests
{
    [Fact]
    public void An_undeliverable_event_is_retried_up_to_the_targets_retry_attempts_then_goes_to_its_DLQ()
    {
        var (scheduler, random, faults, ledger) = TestLakes.Parts(new() { ["eventbridge-delivery"] = 1 });
        ledger.KeepLog = true;
        var bus = new EventBus(scheduler, random, faults, ledger);
        var rule = TestLakes.Plan.CrawlerSucceededTarget;
        var delivered = 0;
        bus.AddRule(rule, _ => delivered++);

        bus.Put(new BusEvent("Glue Crawler State Change", "socar-lake-dev-tripdata", "Succeeded", "{}"));
        scheduler.RunUntil(86400);

        Assert.Equal(0, delivered);
        Assert.Equal(1, ledger.EventBridgeDeadLettered);
        // The plan's 8 retries after the first attempt.
        Assert.EndsWith("undeliverable after 9 attempts", Assert.Single(ledger.Log), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_events_matching_the_rules_state_and_name_prefix_reach_the_target()
    {
        var (scheduler, random, faults, ledger) = TestLakes.Parts();
        var bus = new EventBus(scheduler, random, faults, ledger);
        var delivered = new List<string>();
        bus.AddRule(TestLakes.Plan.CrawlerSucceededTarget, delivered.Add);

        bus.Put(new BusEvent("Glue Crawler State Change", "socar-lake-dev-tripdata", "Succeeded", "yes"));
        bus.Put(new BusEvent("Glue Crawler State Change", "socar-lake-dev-tripdata", "Started", "started"));
        bus.Put(new BusEvent("Glue Crawler State Change", "someone-elses-crawler", "Succeeded", "other"));
        scheduler.RunUntil(60);

        Assert.Equal(["yes"], delivered);
    }

    [Fact]
    public void On_the_queue_retry_wiring_a_lost_crawler_success_strands_the_data_it_covered()
    {
        var lake = TestLakes.Wired(new Designs.QueueRetryDesign(), new SimulationOptions
        {
            CrawlerMinutes = (2, 2),
            JobMinutes = (3, 3),
            FaultRates = new Dictionary<string, double> { ["glue-event-lost"] = 1 },
        });
        var key = TestLakes.UploadAt(lake, 0, "stranded");

        lake.Scheduler.RunUntil(6 * 3600);

        Assert.Empty(TestLakes.Object(lake, key).WrittenBy);
        Assert.Empty(lake.Jobs.Runs);
    }
}
