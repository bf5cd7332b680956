using System.Text;

namespace SocarDataLake.Local.Tests.Reading;

/// <summary>What `lake` prints: values in their own notation in every format, and no crash on any value.</summary>
public sealed class OutputTests
{
    private const string Values = "SELECT DATE '2019-01-05' AS d, [1, 2] AS l, {'a': 1} AS s, 'ab\\x00'::BLOB AS b, 'nan'::DOUBLE AS n, '-inf'::DOUBLE AS i";

    private static async Task<ReadingLake> LakeWithRidesAsync()
    {
        var lake = await ReadingLake.CreateAsync();
        var ride = "{\"vehiclenumber\": \"KL1\", \"vehicle_returned\": 1735689600}\n";
        await lake.IngestAsync("rides", lake.Write("one.jsonl", Encoding.UTF8.GetBytes(ride)));
        return lake;
    }

    [Fact]
    public async Task Dates_lists_structs_and_blobs_print_as_values_in_a_table_and_in_csv()
    {
        using var lake = await LakeWithRidesAsync();

        var csv = await lake.RunAsync("query", Values, "--format", "csv", "--root", lake.RootPath);

        Assert.True(csv.ExitCode == 0, csv.Output + csv.Error);
        Assert.Equal("2019-01-05,\"[1, 2]\",{a: 1},ab\\x00,NaN,-Infinity", csv.Output.Split('\n')[1].TrimEnd('\r'));
        var table = await lake.RunAsync("query", Values, "--root", lake.RootPath);
        Assert.Contains("2019-01-05", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_never_crashes_on_non_finite_doubles_lists_or_blobs()
    {
        using var lake = await LakeWithRidesAsync();

        var row = Assert.Single(await lake.QueryJsonAsync(Values));

        Assert.Equal("2019-01-05", row.GetProperty("d").GetString());
        Assert.Equal([1, 2], row.GetProperty("l").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(1, row.GetProperty("s").GetProperty("a").GetInt32());
        Assert.Equal("ab\\x00", row.GetProperty("b").GetString());
        Assert.Equal("NaN", row.GetProperty("n").GetString());
        Assert.Equal("-Infinity", row.GetProperty("i").GetString());
    }

    [Fact]
    public async Task The_crawler_records_no_ingest_date_column_from_the_raw_key()
    {
        using var lake = await LakeWithRidesAsync();

        var catalog = await lake.RunAsync("catalog", "rides", "--root", lake.RootPath);

        Assert.True(catalog.ExitCode == 0, catalog.Output + catalog.Error);
        var schema = Assert.Single(new CatalogStore(LakeRoot.Open(lake.RootPath)).SchemaVersions("rides"));
        Assert.Equal(["vehiclenumber", "vehicle_returned"], schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task A_duration_without_a_unit_is_refused_with_exit_2()
    {
        using var lake = await ReadingLake.CreateAsync();

        var run = await lake.RunAsync("stream", "rides", "--rate", "10", "--duration", "5", "--root", lake.RootPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--duration '5' is not a duration", run.Error, StringComparison.Ordinal);
    }
}
