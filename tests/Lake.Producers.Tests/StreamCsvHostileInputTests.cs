namespace SocarDataLake.Producers.Tests;

/// <summary>
/// `lake stream-csv` with the files a hostile tester sent it (fixtures/hostile-csv): a row the local lake would
/// quarantine is never sent changed; the stream stops with exit 2 naming the file, line and column, and what came
/// before it is delivered.
/// </summary>
public sealed class StreamCsvHostileInputTests
{
    private static string Fixture(string name) => Repo.Path("tests", "Lake.Producers.Tests", "fixtures", "hostile-csv", name);

    [Fact]
    public async Task A_row_that_is_not_utf8_stops_the_stream_naming_its_line_and_column_and_is_never_sent_with_a_replacement_character()
    {
        using var lake = new ScratchLake();
        var file = Fixture("body-latin1.csv");

        var run = await StreamCsvAsync(lake, file);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        Assert.Contains($"{file}: line 3, column 'customer': byte 0xE9 is not UTF-8", run.Error, StringComparison.Ordinal);
        Assert.Equal(["KA01"], Vehicles(lake));
        Assert.Equal(0L, lake.Query("SELECT count(*) FROM rides WHERE contains(customer, '\uFFFD')").Rows[0][0]);
    }

    [Fact]
    public async Task A_header_that_is_not_utf8_is_refused_naming_line_1_and_the_column_before_anything_is_sent()
    {
        using var lake = new ScratchLake();
        var file = Fixture("header-latin1.csv");

        var run = await StreamCsvAsync(lake, file);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        Assert.Contains($"{file}: line 1 (the header) has a byte that is not UTF-8 (0xE9, byte 40 of the line) in column 3, the name starting 'kms_driv'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("streaming to", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(lake.Root.Path, "raw", "rides")) && Directory.EnumerateFiles(Path.Combine(lake.Root.Path, "raw", "rides"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Text_after_a_closing_quote_stops_the_stream_naming_its_line_and_is_never_sent_without_the_quote()
    {
        using var lake = new ScratchLake();
        var file = Fixture("text-after-closing-quote.csv");

        var run = await StreamCsvAsync(lake, file);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        Assert.Contains($"{file}: line 3, column 'customer': text follows a closing quote ('\"cust\"x')", run.Error, StringComparison.Ordinal);
        Assert.Equal(["KA01"], Vehicles(lake));
    }

    [Fact]
    public async Task Spaces_after_a_closing_quote_are_not_text_and_the_value_is_sent_unquoted()
    {
        using var lake = new ScratchLake();
        var file = lake.WriteFile("spaces.csv", "vehiclenumber,vehicle_returned,kms_driven,rating,customer,vehicle_type\nKA01,1700000000,1.5,Good,\"Rao, Priya\"  ,SUV\n");

        var run = await StreamCsvAsync(lake, file);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("Rao, Priya", lake.Query("SELECT customer FROM rides").Rows[0][0]);
    }

    private static Task<CliRun> StreamCsvAsync(ScratchLake lake, string file) =>
        Cli.RunAsync(lake.Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path }, "stream-csv", file, "--dataset", "rides", "--buffer-interval", "0");

    private static List<string> Vehicles(ScratchLake lake) =>
        lake.Query("SELECT vehicle_number FROM rides ORDER BY vehicle_number").Rows.Select(r => (string)r[0]!).ToList();
}
