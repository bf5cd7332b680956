using SocarDataLake.Core.Ports;
using SocarDataLake.Simulate.Aws;
using SocarDataLake.Simulate.Plan;

namespace SocarDataLake.Simulate.Tests;

/// <summary>ExecutionProperty MaxConcurrentRuns, job run queuing, MaxRetries, bookmarks.</summary>
public sealed class GlueJobsTests
{
    private static (GlueJobs Jobs, Engine.Scheduler Scheduler, Work.WorkLedger Ledger) Jobs(LakeSettings settings, Dictionary<string, double>? faults = null)
    {
        var (scheduler, random, f, ledger) = TestLakes.Parts(faults);
        var events = new GlueEvents(scheduler, random, f, new EventBus(scheduler, random, f, ledger), SimulatedLake.Epoch);
        return (new GlueJobs(scheduler, random, f, ledger, events, settings, (10, 10)), scheduler, ledger);
    }

    [Fact]
    public void A_start_beyond_MaxConcurrentRuns_is_refused_and_nothing_waits()
    {
        var (jobs, scheduler, _) = Jobs(TestLakes.Plan);

        var first = jobs.Start("tripdata");
        var second = jobs.Start("tripdata");
        scheduler.RunUntil(3600);

        Assert.Equal(JobStartStatus.Started, first.Status);
        Assert.Equal(JobStartStatus.ConcurrentRunsExceeded, second.Status);
        Assert.Single(jobs.Runs);
    }

    [Fact]
    public void With_job_run_queuing_the_second_start_waits_for_the_first_run()
    {
        var (jobs, scheduler, _) = Jobs(TestLakes.Plan with { JobRunQueuing = Setting.FromPlan(true, "test") });

        jobs.Start("tripdata");
        var second = jobs.Start("tripdata");
        scheduler.RunUntil(3600);

        Assert.Equal(JobStartStatus.Started, second.Status);
        Assert.Equal([0.0, 600], jobs.Runs.Select(r => r.StartedAt));
    }

    [Fact]
    public void A_failed_run_leaves_the_bookmark_so_its_retry_reads_the_same_objects()
    {
        var (jobs, scheduler, ledger) = Jobs(TestLakes.Plan with { JobMaxRetries = Setting.FromPlan(1, "test") }, new() { ["glue-job"] = 1 });
        var landed = ledger.Land("tripdata", "tripdata/ingest_date=2026-12-01/a.csv", 0, valid: true);

        jobs.Start("tripdata");
        scheduler.RunUntil(7200);

        Assert.Equal(2, jobs.Runs.Count);
        Assert.Equal(1, jobs.Runs[1].Attempt);
        Assert.All(jobs.Runs, run => Assert.Same(landed, Assert.Single(run.Read)));
        Assert.False(landed.Bookmarked);
    }
}
