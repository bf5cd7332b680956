namespace SocarDataLake.Producers.Tests.Athena;

/// <summary>`lake query --aws` when Athena answers in a way the API Reference does not allow: it ends, exit 1, saying what.</summary>
public sealed class AthenaAnswerCliTests
{
    private static Dictionary<string, string> Env(FakeAthena athena) => athena.CliEnvironment();

    private static AthenaPlan TwoColumns(params string?[][] rows) => new([("n", "integer"), ("s", "varchar")], rows);

    [Fact]
    public async Task A_next_token_given_twice_stops_the_reading_naming_the_call_instead_of_looping()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => TwoColumns(["1", "a"], ["2", "b"])) { RepeatNextToken = true };

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM t", "--format", "csv");

        Assert.Equal(1, run.ExitCode);
        var id = Assert.Single(athena.Queries).Id;
        Assert.Contains($"lake: AWS returned the same NextToken twice to GetQueryResults of query {id}", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, athena.Calls.Count(c => c.Operation == "GetQueryResults"));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_query_state_athena_does_not_document_ends_the_wait_naming_it()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => TwoColumns(["1", "a"]) with { UndocumentedState = "WEIRD" });

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM t");

        Assert.Equal(1, run.ExitCode);
        var id = Assert.Single(athena.Queries).Id;
        Assert.Contains($"lake: GetQueryExecution of query {id} reported the state WEIRD, which Athena does not document", run.Error, StringComparison.Ordinal);
        Assert.Equal(3, athena.Calls.Count(c => c.Operation == "GetQueryExecution"));
    }

    [Theory]
    [InlineData("csv", new[] { "3", "y", "EXTRA" }, "result row 2 has 3 values for 2 columns (n, s)")]
    [InlineData("json", new[] { "3", "y", "EXTRA" }, "result row 2 has 3 values for 2 columns (n, s)")]
    [InlineData("json", new[] { "3" }, "result row 2 has 1 value for 2 columns (n, s)")]
    public async Task A_row_whose_cells_do_not_fit_the_columns_is_named_and_nothing_is_printed(string format, string[] odd, string expected)
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => TwoColumns(["1", "x"], odd, ["4", null]));

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM t", "--format", format);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_query_without_statistics_says_scanned_unknown_and_invents_no_cost()
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => TwoColumns(["1", "a"]) with { NoStatistics = true });

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", "SELECT * FROM t", "--format", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        var id = Assert.Single(athena.Queries).Id;
        Assert.Contains($"Athena query {id}: SUCCEEDED in unknown time; scanned: unknown; cost unknown (Athena reported no DataScannedInBytes", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("billed", run.Error, StringComparison.Ordinal);
    }
}
