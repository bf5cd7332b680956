using System.Globalization;
using System.Text.Json;

namespace SocarDataLake.Producers.Tests.Athena;

/// <summary>`lake query --aws` run as a user runs it, against the loopback Athena of <see cref="FakeAthena"/>.</summary>
public sealed class AthenaQueryCliTests
{
    private static readonly (string, string)[] TripColumns = [("pickup_hour", "integer"), ("trips", "bigint"), ("avg_fare", "double"), ("payment", "varchar")];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Env(FakeAthena athena) => athena.CliEnvironment();

    private static AthenaPlan Trips(int rows, long scanned = 3 * 1024 * 1024) =>
        new(TripColumns, Enumerable.Range(0, rows).Select(i => new string?[] { (i % 24).ToString(CultureInfo.InvariantCulture), $"{1000 + i}", "12.5", i % 7 == 0 ? null : "cash" }).ToList(), scanned);

    [Fact]
    public async Task A_select_is_waited_for_through_its_states_and_every_page_is_read_without_the_header_row()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => Trips(2_500) with { QueuedPolls = 1, RunningPolls = 1 }) { RequeueOnce = true };

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM trips_by_hour", "--format", "csv", "--limit", "5000");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("pickup_hour,trips,avg_fare,payment", lines[0]);
        Assert.Equal(2_501, lines.Length);
        Assert.Equal("0,1000,12.5,", lines[1]);
        Assert.Equal("2,3498,12.5,cash", lines[^2]);
        Assert.Equal("3,3499,12.5,", lines[^1]);
        Assert.Single(lines, l => l.StartsWith("pickup_hour", StringComparison.Ordinal));
        var query = Assert.Single(athena.Queries);
        Assert.Equal("SUCCEEDED", query.State);
        // QUEUED, RUNNING, back to QUEUED for two looks, RUNNING again, SUCCEEDED: results are asked for only then.
        Assert.Equal(6, athena.Calls.Count(c => c.Operation == "GetQueryExecution"));
        Assert.Equal(3, athena.Calls.Count(c => c.Operation == "GetQueryResults"));
        var start = Assert.Single(athena.Calls, c => c.Operation == "StartQueryExecution").Body;
        Assert.Equal("socar-lake-dev-analytics", start["WorkGroup"]!.GetValue<string>());
        Assert.Equal("socar_lake_dev_processed", start["QueryExecutionContext"]!["Database"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_limit_stops_reading_at_the_first_page_that_passes_it_and_says_the_result_was_cut()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => Trips(2_500));

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM trips_by_hour", "--format", "json", "--limit", "10");

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(10, rows.GetArrayLength());
        Assert.Equal(1000, rows[0].GetProperty("trips").GetInt64());
        Assert.Equal(12.5, rows[0].GetProperty("avg_fare").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("payment").ValueKind);
        Assert.Contains("(showing the first 10 rows: use --limit to see more)", run.Error, StringComparison.Ordinal);
        var read = Assert.Single(athena.Calls, c => c.Operation == "GetQueryResults").Body;
        Assert.Equal(12, read["MaxResults"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(3L * 1024 * 1024, "scanned 3.0 MB; cost $0.000048 (10.0 MB billed at $5.00/TB")]
    [InlineData(50L * 1024 * 1024 * 1024 + 1, "scanned 50.00 GB; cost $0.244145 (50.00 GB billed at $5.00/TB")]
    public async Task Every_query_ends_with_its_id_run_time_data_scanned_and_cost_on_stderr_so_stdout_stays_the_result(long scanned, string expected)
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => Trips(3, scanned));

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM trips_by_hour", "--format", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(3, JsonDocument.Parse(run.Output).RootElement.GetArrayLength());
        var id = Assert.Single(athena.Queries).Id;
        Assert.Contains($"Athena query {id}: SUCCEEDED in 1.50 s (engine 1.23 s); {expected}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(id, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_calls_are_sent_again_and_a_start_whose_answer_was_lost_does_not_run_the_query_twice()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => Trips(5)) { LostStartAnswers = 1 };
        athena.Throttle("StartQueryExecution", "TooManyRequestsException", 2);
        athena.Throttle("GetQueryExecution", "ThrottlingException", 3);
        athena.Throttle("GetQueryResults", "ThrottlingException", 2);

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM trips_by_hour", "--format", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(6, run.Output.TrimEnd('\n').Split('\n').Length);
        Assert.Single(athena.Queries);
        var starts = athena.Calls.Where(c => c.Operation == "StartQueryExecution").Select(c => c.Body["ClientRequestToken"]!.GetValue<string>()).ToList();
        Assert.Equal(4, starts.Count);
        Assert.Single(starts.Distinct());
    }

    [Fact]
    public async Task An_answer_lost_on_the_way_is_asked_for_again_and_a_lost_start_is_repeated_with_the_same_token()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => Trips(5));
        athena.DropAnswers("StartQueryExecution", 2);
        athena.DropAnswers("GetQueryExecution", 1);
        athena.DropAnswers("GetQueryResults", 1);

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM trips_by_hour", "--format", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(6, run.Output.TrimEnd('\n').Split('\n').Length);
        Assert.Single(athena.Queries);
        var starts = athena.Calls.Where(c => c.Operation == "StartQueryExecution").Select(c => c.Body["ClientRequestToken"]!.GetValue<string>()).ToList();
        Assert.Equal(3, starts.Count);
        Assert.Single(starts.Distinct());
        Assert.Equal(2, athena.Calls.Count(c => c.Operation == "GetQueryResults"));
    }

    [Fact]
    public async Task A_start_whose_answer_is_lost_every_time_ends_with_exit_1_naming_the_call_not_a_stack_of_types()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => Trips(5));
        athena.DropAnswers("StartQueryExecution", 100);

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM trips_by_hour");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("lake: StartQueryExecution got no answer in 4 attempts", run.Error, StringComparison.Ordinal);
        Assert.Equal(4, athena.Calls.Count(c => c.Operation == "StartQueryExecution"));
        Assert.Single(athena.Queries);
    }

    [Theory]
    [InlineData(2, 2, "FAILED with an error in the query: COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved")]
    [InlineData(1, 1, "FAILED with an Athena system error: Amazon Athena experienced an internal error while executing this query")]
    [InlineData(3, 1, "FAILED with an error Athena does not attribute: HIVE_CURSOR_ERROR: Failed to read Parquet file")]
    public async Task A_failed_query_exits_2_only_when_athena_blames_the_query_and_says_athenas_reason(int category, int exit, string expected)
    {
        using var lake = new ScratchLake();
        var reason = expected[(expected.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        using var athena = new FakeAthena(_ => Trips(0) with { FailCategory = category, FailReason = reason });

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT nope FROM tripdata");

        Assert.Equal(exit, run.ExitCode);
        var id = Assert.Single(athena.Queries).Id;
        Assert.Contains($"lake: Athena query {id} {expected}", run.Error, StringComparison.Ordinal);
        Assert.Contains("cost $0 (failed queries and DDL are not charged)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(athena.Calls, c => c.Operation == "GetQueryResults");
    }

    [Fact]
    public async Task Ctrl_C_stops_the_query_on_athena_and_says_so()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => Trips(1) with { RunsForever = true });
        CliRun run;
        using (var query = LakeProcess.Start(lake.Folder, Env(athena), "query", "--aws", "SELECT count(*) FROM tripdata"))
        {
            await query.WaitForLineAsync(line => line.Contains("started in workgroup", StringComparison.Ordinal), Cancel);
            query.Interrupt();
            run = await query.WaitForExitAsync(Cancel);
        }

        Assert.True(run.ExitCode == 130, $"exit {run.ExitCode}\n{run.Error}");
        var id = Assert.Single(athena.Queries).Id;
        Assert.Contains($"lake: stopped by Ctrl-C: Athena query {id} was stopped (StopQueryExecution); it is now CANCELLED.", run.Error, StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single(athena.Calls, c => c.Operation == "StopQueryExecution").Body["QueryExecutionId"]!.GetValue<string>());
        Assert.Equal("CANCELLED", athena.Queries[0].State);
    }

    [Fact]
    public async Task Every_missing_setting_is_named_before_anything_is_sent()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => Trips(1));
        var env = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDTEST", ["AWS_SECRET_ACCESS_KEY"] = "secret", ["AWS_ENDPOINT_URL_ATHENA"] = athena.Url };

        var run = await Cli.RunAsync(lake.Folder, env, "query", "--aws", "SELECT 1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pass --workgroup <name> or set LAKE_WORKGROUP", run.Error, StringComparison.Ordinal);
        Assert.Contains("pass --database <name> or set LAKE_DATABASE", run.Error, StringComparison.Ordinal);
        Assert.Contains("pass --region <region> or set AWS_REGION", run.Error, StringComparison.Ordinal);
        Assert.Empty(athena.Calls);
    }

    [Fact]
    public async Task An_unknown_workgroup_is_the_users_to_fix_and_exits_2_with_athenas_words()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => Trips(1));

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT 1", "--workgroup", "socar-lake-prod-analytics");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("WorkGroup socar-lake-prod-analytics is not found.", run.Error, StringComparison.Ordinal);
        Assert.Empty(athena.Queries);
    }
}
