using SocarDataLake.Simulate.Plan;

namespace SocarDataLake.Simulate.Tests;

/// <summary>The settings come from the plan where it sets them, from AWS's defaults otherwise, and say which.</summary>
public sealed class PlanReaderTests
{
    [Fact]
    public void Queue_mapping_glue_and_firehose_settings_come_from_the_plan()
    {
        var s = TestLakes.Plan;

        Assert.Equal((180.0, SettingOrigin.Plan), (s.IngestQueue.VisibilityTimeoutSeconds.Value, s.IngestQueue.VisibilityTimeoutSeconds.Origin));
        Assert.Equal((10, 0.0, 2), (s.IngestQueue.BatchSize.Value, s.IngestQueue.BatchingWindowSeconds.Value, s.IngestQueue.MaximumConcurrency.Value));
        Assert.Equal((1, 60.0, 0, 2, "G.1X"), (s.JobMaxConcurrentRuns.Value, s.JobTimeoutMinutes.Value, s.JobMaxRetries.Value, s.JobWorkers.Value, s.JobWorkerType.Value));
        Assert.Equal((5.0, 60.0), (s.FirehoseBufferSizeMiB.Value, s.FirehoseBufferIntervalSeconds.Value));
        Assert.Equal((8, 3600.0, true), (s.CrawlerSucceededTarget.MaximumRetryAttempts.Value, s.CrawlerSucceededTarget.MaximumEventAgeSeconds.Value, s.CrawlerSucceededTarget.DeadLetterQueue.Value));
        // The queue-retry wiring's crawler rule is v2's crawler-finished now; its etl-trigger ignores Failed.
        Assert.Equal(["Succeeded", "Failed"], s.CrawlerSucceededTarget.States);
        Assert.Equal("socar-lake-dev-", s.CrawlerPrefix);
        Assert.Equal(["rides"], s.StreamedDatasets);
    }

    [Fact]
    public void MaxReceiveCount_unknown_until_apply_is_followed_to_the_root_variable()
    {
        var s = TestLakes.Plan;

        Assert.Equal(5, s.IngestQueue.MaxReceiveCount.Value);
        Assert.Equal(SettingOrigin.Plan, s.IngestQueue.MaxReceiveCount.Origin);
        Assert.Contains("var.ingest_max_receive_count", s.IngestQueue.MaxReceiveCount.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_event_invoke_config_the_async_settings_are_Lambdas_defaults_and_say_so()
    {
        var etl = TestLakes.Plan.EtlTrigger;

        Assert.Equal((2, 21600.0, false), (etl.AsyncMaximumRetryAttempts.Value, etl.AsyncMaximumEventAgeSeconds.Value, etl.AsyncOnFailureDestination.Value));
        Assert.Equal(SettingOrigin.AwsDefault, etl.AsyncMaximumRetryAttempts.Origin);
        Assert.Contains("no aws_lambda_function_event_invoke_config", etl.AsyncMaximumRetryAttempts.Where, StringComparison.Ordinal);
        Assert.Equal((30.0, SettingOrigin.Plan), (etl.TimeoutSeconds.Value, etl.TimeoutSeconds.Origin));
    }

    [Fact]
    public void The_reconcile_queue_its_mapping_rules_and_sweep_come_from_the_plan()
    {
        var r = TestLakes.Plan.Reconcile!;

        Assert.Equal((180.0, 5, 10, 2), (r.Queue.VisibilityTimeoutSeconds.Value, r.Queue.MaxReceiveCount.Value, r.Queue.BatchSize.Value, r.Queue.MaximumConcurrency.Value));
        Assert.Contains("reconcile_max_receive_count default", r.Queue.MaxReceiveCount.Where, StringComparison.Ordinal);
        Assert.Equal((5.0, SettingOrigin.Plan), (r.SweepMinutes.Value, r.SweepMinutes.Origin));
        Assert.Equal(["Succeeded", "Failed"], r.CrawlerFinishedTarget.States);
        Assert.Equal(["Failed"], r.CrawlerFailedTarget.States);
        Assert.Equal(["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"], r.JobFinishedTarget.States);
        Assert.Equal((8, 3600.0, true), (r.SweepTarget.MaximumRetryAttempts.Value, r.SweepTarget.MaximumEventAgeSeconds.Value, r.SweepTarget.DeadLetterQueue.Value));
        Assert.Equal((0.0, SettingOrigin.Plan), (r.MinJobIntervalSeconds.Value, r.MinJobIntervalSeconds.Origin));
        Assert.Equal((true, SettingOrigin.Plan), (r.JobWaitsForCrawl.Value, r.JobWaitsForCrawl.Origin));
    }

    [Fact]
    public void A_plan_without_the_reconcile_queue_runs_current_on_the_specs_values_and_says_so()
    {
        var old = TestLakes.Plan with { Reconcile = null };

        Assert.All(old.DescribeReconcile().Where(l => l.Name.StartsWith("sweep", StringComparison.Ordinal) || l.Name.Contains("maxReceiveCount", StringComparison.Ordinal)),
            l => Assert.Contains("orchestration-v2.md", l.Where, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_plan_names_the_file_and_how_to_make_it()
    {
        var e = Assert.Throws<PlanException>(() => PlanReader.Read("/nowhere/plan-dev.json"));

        Assert.Contains("'/nowhere/plan-dev.json' not found", e.Message, StringComparison.Ordinal);
        Assert.Contains("./build.sh --target=Plan", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fixture_still_reads_like_a_fresh_offline_plan_when_one_exists()
    {
        var fresh = Repo.Path("artifacts", "plan-dev.json");
        if (!File.Exists(fresh)) return;

        var expected = TestLakes.Plan.Describe().Concat(TestLakes.Plan.DescribeReconcile()).Select(l => (l.Name, l.Value, l.Origin)).ToList();
        var plan = PlanReader.Read(fresh);
        var actual = plan.Describe().Concat(plan.DescribeReconcile()).Select(l => (l.Name, l.Value, l.Origin)).ToList();

        var differences = expected.Zip(actual).Where(p => p.First != p.Second).Select(p => $"fixture {p.First} vs plan {p.Second}").ToList();
        Assert.True(differences.Count == 0 && expected.Count == actual.Count,
            "The Terraform settings changed since tests/Lake.Simulate.Tests/fixtures/plan-dev.json was trimmed from a plan: "
            + string.Join("; ", differences) + ". Copy artifacts/plan-dev.json over the fixture (the reader takes a full plan too) and review the tests of the design it changes.");
    }
}
