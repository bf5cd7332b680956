namespace SocarDataLake.Producers.Tests.AwsViews;

/// <summary>`lake runs --aws` against loopback Glue and S3 that follow their API references (FakeGlue, FakeMultipartS3).</summary>
public sealed class AwsRunsCliTests
{
    // tripdata: two committed runs, an older and a newer failure that wrote no summary, one still running; rides: one
    // committed run and one that timed out. Glue answers two runs a page and S3 two keys a page, so every source
    // takes more than one page; the ledger beside the summaries holds files that are not runs.
    private static DeployedLake TwoDatasets()
    {
        var lake = new DeployedLake();
        lake.S3.ListPageSize = 2;
        lake.Summary("tripdata", "jr_t1", 0, rowsOut: 10_000, rowsQuarantined: 25, rawObjects: "tripdata/ingest_date=2026-12-01/a.csv");
        lake.Summary("tripdata", "jr_t2", 60, rowsOut: 500, rowsQuarantined: 0);
        lake.S3.Put(DeployedLake.ProcessedBucket, "_runs/tripdata/_ledger/pending/jr_t4.json", "{\"run_id\": \"jr_t4\", \"started_at\": \"2026-12-01T12:00:00.000Z\"}");
        lake.S3.Put(DeployedLake.ProcessedBucket, "_runs/tripdata/_ledger/done/tripdata/ingest_date=2026-12-01/a.csv@\"e1\"", "");
        lake.JobRun("tripdata", "jr_t0", -60, "FAILED", 41, "AnalysisException: [UNRESOLVED_COLUMN] fare_amount cannot be resolved");
        lake.JobRun("tripdata", "jr_t1", 0, "SUCCEEDED", 96);
        lake.JobRun("tripdata", "jr_t2", 60, "SUCCEEDED", 80);
        lake.JobRun("tripdata", "jr_t3", 120, "FAILED", 12, "An error occurred while calling o104.pyWriteDynamicFrame. Access Denied");
        lake.JobRun("tripdata", "jr_t4", 180, "RUNNING", 30);
        lake.Summary("rides", "jr_r1", 30, rowsOut: 1_200, rowsQuarantined: 3);
        lake.JobRun("rides", "jr_r1", 30, "SUCCEEDED", 70);
        lake.JobRun("rides", "jr_r2", 90, "TIMEOUT", 3600, "Job run timed out");
        return lake;
    }

    [Fact]
    public async Task Runs_of_both_datasets_show_their_summary_rows_and_the_runs_only_glue_knows_with_its_error()
    {
        using var lake = TwoDatasets();

        var run = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "runs", "--aws");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var table = Assert.Single(PrintedTables.Read(run.Output));
        Assert.Equal(["dataset", "run", "state", "rows in", "rows out", "quarantined", "blank lines", "objects", "MiB in", "seconds", "schema"], table[0]);
        Assert.Equal(
        [
            ["tripdata", "jr_t0", "FAILED", "-", "-", "-", "-", "-", "-", "41.00", "-"],
            ["tripdata", "jr_t1", "SUCCEEDED", "10,025", "10,000", "25", "-", "1 ok, 0 quarantined", "3.0", "95.50", "v1"],
            ["rides", "jr_r1", "SUCCEEDED", "1,203", "1,200", "3", "-", "0 ok, 0 quarantined", "3.0", "95.50", "v1"],
            ["tripdata", "jr_t2", "SUCCEEDED", "500", "500", "0", "-", "0 ok, 0 quarantined", "3.0", "95.50", "v1"],
            ["rides", "jr_r2", "TIMEOUT", "-", "-", "-", "-", "-", "-", "3600.00", "-"],
            ["tripdata", "jr_t3", "FAILED", "-", "-", "-", "-", "-", "-", "12.00", "-"],
            ["tripdata", "jr_t4", "RUNNING", "-", "-", "-", "-", "-", "-", "30.00", "-"],
        ], table.Skip(1));
        Assert.Contains("tripdata run jr_t0: FAILED in Glue before writing a run summary (nothing of it is visible): AnalysisException: [UNRESOLVED_COLUMN] fare_amount cannot be resolved", run.Output, StringComparison.Ordinal);
        Assert.Contains("rides run jr_r2: TIMEOUT in Glue before writing a run summary (nothing of it is visible): Job run timed out", run.Output, StringComparison.Ordinal);
        Assert.Contains("tripdata run jr_t4: RUNNING in Glue since 2026-12-01 12:00:00; its run summary is written when it commits.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("_ledger", run.Output, StringComparison.Ordinal);
        // Every source took more than one page.
        Assert.Contains(lake.Glue.Calls, c => c.Operation == "GetJobRuns" && c.Body["JobName"]!.GetValue<string>() == "socar-lake-dev-tripdata" && c.Body["NextToken"]?.GetValue<string>() == "page-4");
        Assert.Contains(lake.S3.Requests, r => r.StartsWith($"GET {DeployedLake.ProcessedBucket}/?", StringComparison.Ordinal) && r.Contains("continuation-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_run_next_token_given_twice_stops_the_listing_naming_the_call_instead_of_counting_runs_again()
    {
        using var lake = TwoDatasets();
        lake.Glue.RepeatNextToken = true;

        var run = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "runs", "--aws", "tripdata");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("lake: AWS returned the same NextToken twice to GetJobRuns of job socar-lake-dev-tripdata", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, lake.Glue.Calls.Count(c => c.Operation == "GetJobRuns"));
    }

    [Fact]
    public async Task A_throttled_glue_or_s3_call_is_sent_again()
    {
        using var lake = TwoDatasets();
        lake.Glue.Throttle("GetJobRuns", 2);
        lake.S3.SlowDownNext = 1;

        var run = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "runs", "--aws", "tripdata");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var rows = Assert.Single(PrintedTables.Read(run.Output)).Skip(1).ToList();
        Assert.Equal(["jr_t0", "jr_t1", "jr_t2", "jr_t3", "jr_t4"], rows.Select(r => r[1]));
        Assert.All(rows, r => Assert.Equal("tripdata", r[0]));
        // Two refusals, then the three pages of five runs.
        Assert.Equal(5, lake.Glue.Calls.Count(c => c.Operation == "GetJobRuns"));
    }

    [Fact]
    public async Task A_job_glue_does_not_know_is_a_setting_to_fix_named_with_the_job()
    {
        using var lake = TwoDatasets();
        var env = lake.Env();
        env["LAKE_JOB_PREFIX"] = "socar-lake-stage-";

        var run = await Cli.RunAsync(lake.Lake.Folder, env, "runs", "--aws", "rides");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("lake: Glue has no job socar-lake-stage-rides (the job of dataset rides)", run.Error, StringComparison.Ordinal);
    }
}
