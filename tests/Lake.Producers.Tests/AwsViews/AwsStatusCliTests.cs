namespace SocarDataLake.Producers.Tests.AwsViews;

/// <summary>`lake status --aws` against loopback Glue, S3 and SQS that follow their API references.</summary>
public sealed class AwsStatusCliTests
{
    private static DeployedLake Running()
    {
        var lake = new DeployedLake();
        lake.S3.ListPageSize = 2;
        // Three tables, two a page: tripdata is on the second page of GetTables.
        lake.Glue.Databases[DeployedLake.Database]["scooters_legacy"] = new("scooters_legacy", [], []);
        for (var month = 1; month <= 5; month++) lake.Glue.Databases[DeployedLake.Database]["tripdata"].Partitions.Add(["2019", $"{month}"]);
        for (var day = 1; day <= 3; day++) lake.Glue.Databases[DeployedLake.Database]["rides"].Partitions.Add([$"2026-12-0{day}"]);
        lake.Summary("tripdata", "jr_t1", 0, rowsOut: 10_000, rowsQuarantined: 25);
        lake.Summary("tripdata", "jr_t2", 60, rowsOut: 500, rowsQuarantined: 5);
        lake.JobRun("tripdata", "jr_t1", 0, "SUCCEEDED", 96);
        lake.JobRun("tripdata", "jr_t2", 60, "SUCCEEDED", 96);
        lake.JobRun("tripdata", "jr_t3", 120, "FAILED", 12, "Access Denied");
        lake.Summary("rides", "jr_r1", 30, rowsOut: 1_200, rowsQuarantined: 3);
        lake.JobRun("rides", "jr_r1", 30, "SUCCEEDED", 96);
        for (var i = 0; i < 4; i++) lake.Sqs.Put(DeployedLake.IngestQueue, $"{{\"Records\":[{i}]}}");
        lake.Sqs.Queues[DeployedLake.IngestQueue].Messages[0].VisibleAt = DateTimeOffset.UtcNow.AddHours(1);
        lake.Sqs.Put(DeployedLake.IngestDlq, "{\"Records\":[9]}", new Dictionary<string, string> { ["reason"] = "no contract for dataset 'scooters'" });
        lake.Sqs.Put(DeployedLake.IngestDlq, "{\"Records\":[10]}");
        return lake;
    }

    [Fact]
    public async Task Each_dataset_shows_its_table_partitions_runs_rows_and_last_run_then_the_queue_depths_and_how_to_redrive_a_dead_letter_queue()
    {
        using var lake = Running();
        lake.Glue.Throttle("GetPartitions", 1);
        lake.Sqs.Throttle("GetQueueAttributes", 1);

        var run = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "status", "--aws");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var tables = PrintedTables.Read(run.Output);
        Assert.Equal(2, tables.Count);
        Assert.Equal(["dataset", "processed table", "partitions", "runs", "rows out", "rows quarantined", "last run"], tables[0][0]);
        Assert.Equal(
        [
            ["rides", "socar_lake_dev_processed.rides", "3", "1", "1,200", "3", "SUCCEEDED 2026-12-01 09:31:35"],
            ["tripdata", "socar_lake_dev_processed.tripdata", "5", "3", "10,500", "30", "FAILED 2026-12-01 11:00:12"],
        ], tables[0].Skip(1));
        Assert.Equal(["queue", "messages", "in flight"], tables[1][0]);
        Assert.Equal(
        [
            [DeployedLake.IngestQueue, "3", "1"],
            [DeployedLake.IngestDlq, "2", "0"],
            [DeployedLake.EventsDlq, "0", "0"],
        ], tables[1].Skip(1));
        Assert.Contains($"{DeployedLake.IngestDlq} holds 2 message(s) that could not be processed: 'lake redrive --aws {DeployedLake.IngestDlq} --dry-run' says why, then 'lake redrive --aws {DeployedLake.IngestDlq}' sends them back after the fix.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"lake redrive --aws {DeployedLake.EventsDlq}", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"lake redrive --aws {DeployedLake.IngestQueue} ", run.Output, StringComparison.Ordinal);
        var partitionCalls = lake.Glue.Calls.Where(c => c.Operation == "GetPartitions" && c.Body["TableName"]!.GetValue<string>() == "tripdata").Select(c => c.Body).ToList();
        Assert.Equal([null, "page-2", "page-4"], partitionCalls.Select(b => b["NextToken"]?.GetValue<string>()).TakeLast(3));
        Assert.All(partitionCalls, b => Assert.True(b["ExcludeColumnSchema"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_dataset_without_its_table_says_so_and_a_database_glue_does_not_know_is_named()
    {
        using var lake = Running();
        lake.Glue.Databases[DeployedLake.Database].Remove("rides");

        var missingTable = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "status", "--aws");
        var wrongDatabase = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "status", "--aws", "--database", "socar_lake_stage_processed");

        Assert.True(missingTable.ExitCode == 0, missingTable.Error + missingTable.Output);
        Assert.Equal(["rides", "-", "-", "1", "1,200", "3", "SUCCEEDED 2026-12-01 09:31:35"], PrintedTables.Read(missingTable.Output)[0][1]);
        Assert.Contains("rides: no table rides in Glue database socar_lake_dev_processed", missingTable.Output, StringComparison.Ordinal);
        Assert.Equal(2, wrongDatabase.ExitCode);
        Assert.Contains("lake: Glue has no database socar_lake_stage_processed", wrongDatabase.Error, StringComparison.Ordinal);
    }
}
