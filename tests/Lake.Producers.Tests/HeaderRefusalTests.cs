namespace SocarDataLake.Producers.Tests;

/// <summary>
/// One header, one refusal: `lake ingest` and `lake stream-csv` read headers with the same CsvHeader, so a header
/// neither can use is refused by both with the same words, naming the physical line it is on; ingest never shows
/// DuckDB's binder errors for it.
/// </summary>
public sealed class HeaderRefusalTests
{
    [Theory]
    [InlineData("duplicate-column.csv", "line 1 (the header) has the column 'customer' twice (columns 5 and 7); each column needs its own name")]
    [InlineData("empty-column-name.csv", "line 1 (the header) has an empty column name (column 2 of 6, after 'vehiclenumber' and before 'kms_driven'); every column needs a name")]
    [InlineData("blank-column-name.csv", "line 1 (the header) has an empty column name (column 2 of 6, after 'vehiclenumber' and before 'kms_driven'); every column needs a name")]
    [InlineData("blank-lines-before-header.csv", "line 3 (the header) comes after 2 blank lines: the header must be line 1; delete the blank lines above it")]
    [InlineData("header-latin1.csv", "line 1 (the header) has a byte that is not UTF-8 (0xE9, byte 40 of the line) in column 3, the name starting 'kms_driv'")]
    public async Task Ingest_and_stream_csv_refuse_the_same_header_with_the_same_words_and_exit_2(string fixture, string refusal)
    {
        using var lake = new ScratchLake();
        var file = Repo.Path("tests", "Lake.Producers.Tests", "fixtures", "hostile-csv", fixture);
        var env = new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path };

        var stream = await Cli.RunAsync(lake.Folder, env, "stream-csv", file, "--dataset", "rides");
        var ingest = await Cli.RunAsync(lake.Folder, env, "ingest", file, "--dataset", "tripdata");

        Assert.True(stream.ExitCode == 2, $"stream-csv exit {stream.ExitCode}\n{stream.Error}");
        Assert.Contains($"{file}: {refusal}", stream.Error, StringComparison.Ordinal);
        Assert.True(ingest.ExitCode == 2, $"ingest exit {ingest.ExitCode}\n{ingest.Error}");
        Assert.Contains($"{fixture}: {refusal}", ingest.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Binder Error", ingest.Error, StringComparison.Ordinal);
    }
}
