using System.Text.Json;

namespace SocarDataLake.Local.Tests.Dashboards;

/// <summary>
/// `lake dashboards export`, run as built: the dashboard files become the plain JSON the QuickSight module reads, with
/// each result column typed by what DuckDB returns, and the committed copy never drifts from the files.
/// </summary>
public sealed class DashboardExportTests : IDisposable
{
    private const string Committed = "terraform/env-common/dashboards.generated.json";

    private readonly string _folder = Directory.CreateTempSubdirectory("lake-dashboards-test-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Output => Path.Combine(_folder, "out.json");

    private Task<CliRun> ExportAsync(string dashboards) =>
        LakeCommand.RunAsync(_folder, null, Cancel, "dashboards", "export", "--dashboards", dashboards, "--datasets", Repo.Path("datasets"), "--out", Output);

    /// <summary>A dashboards/ folder of one file holding <paramref name="queries"/> (JSON of the queries list).</summary>
    private string Dashboards(string queries)
    {
        var folder = Path.Combine(_folder, "dashboards");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "probe.json"), $"{{ \"title\": \"Probe\", \"queries\": {queries} }}");
        return folder;
    }

    [Fact]
    public async Task The_committed_export_is_what_the_dashboard_files_give_today()
    {
        var run = await ExportAsync(Repo.Path("dashboards"));

        Assert.True(run.ExitCode == 0, run.Error);
        var fresh = File.ReadAllLines(Output);
        var committed = File.ReadAllLines(Repo.Path(Committed));
        var differs = Enumerable.Range(0, Math.Max(fresh.Length, committed.Length))
            .FirstOrDefault(i => i >= fresh.Length || i >= committed.Length || fresh[i] != committed[i], -1);
        if (differs >= 0)
            Assert.Fail($"{Committed} is stale: run `lake dashboards export` and commit it (line {differs + 1}: committed " +
            $"'{(differs < committed.Length ? committed[differs].Trim() : "<end>")}', the files give '{(differs < fresh.Length ? fresh[differs].Trim() : "<end>")}').");
    }

    [Fact]
    public async Task Each_result_column_gets_the_quicksight_type_of_what_duckdb_returns()
    {
        var sql = "SELECT CAST(pickup_at AS DATE) AS day, pickup_at, vendor_id, sum(passenger_count) AS riders, avg(trip_distance_miles) AS miles, " +
                  "sum(fare_amount) AS fares, bool_or(store_and_forward) AS stored, CAST(payment_type AS VARCHAR) AS payment FROM tripdata GROUP BY ALL";
        var run = await ExportAsync(Dashboards($"[{{ \"name\": \"typed\", \"title\": \"Typed\", \"sql\": {JsonSerializer.Serialize(sql)} }}]"));

        Assert.True(run.ExitCode == 0, run.Error);
        var query = JsonDocument.Parse(File.ReadAllText(Output)).RootElement.GetProperty("dashboards").GetProperty("probe").GetProperty("queries")[0];
        var columns = query.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["day"] = "DATETIME", ["pickup_at"] = "DATETIME", ["vendor_id"] = "INTEGER",
            // DuckDB sums integers into HUGEINT and decimals into a wider DECIMAL; an average of a double is a double.
            ["riders"] = "INTEGER", ["miles"] = "DECIMAL", ["fares"] = "DECIMAL", ["stored"] = "BOOLEAN", ["payment"] = "STRING",
        }, columns);
    }

    [Fact]
    public async Task An_auto_chart_becomes_a_line_over_a_date_a_bar_over_a_category_and_a_table_without_axes()
    {
        const string sql = "SELECT CAST(pickup_at AS DATE) AS day, CAST(payment_type AS VARCHAR) AS payment, count(*) AS trips FROM tripdata GROUP BY 1, 2";
        var run = await ExportAsync(Dashboards($$"""
            [
              { "name": "over-days", "title": "A", "sql": "{{sql}}", "chart": { "x": "day", "y": ["trips"] } },
              { "name": "by-payment", "title": "B", "sql": "{{sql}}", "chart": { "type": "auto", "x": "payment", "y": ["trips"] } },
              { "name": "no-axes", "title": "C", "sql": "{{sql}}" },
              { "name": "bar-defaults", "title": "D", "sql": "{{sql}}", "chart": { "type": "bar" } }
            ]
            """));

        Assert.True(run.ExitCode == 0, run.Error);
        var charts = JsonDocument.Parse(File.ReadAllText(Output)).RootElement.GetProperty("dashboards").GetProperty("probe").GetProperty("queries").EnumerateArray()
            .ToDictionary(q => q.GetProperty("id").GetString()!, q => q.GetProperty("chart").GetRawText().Replace(" ", "").Replace("\n", ""));
        Assert.Equal("""{"type":"line","x":"day","y":["trips"]}""", charts["over-days"]);
        Assert.Equal("""{"type":"bar","x":"payment","y":["trips"]}""", charts["by-payment"]);
        Assert.Equal("""{"type":"table","x":null,"y":[]}""", charts["no-axes"]);
        Assert.Equal("""{"type":"bar","x":"day","y":["trips"]}""", charts["bar-defaults"]);
    }

    [Fact]
    public async Task A_column_quicksight_cannot_type_is_refused_naming_the_file_query_and_column_and_nothing_is_written()
    {
        File.WriteAllText(Output, "the export before");
        var run = await ExportAsync(Dashboards("""[{ "name": "lists", "title": "Lists", "sql": "SELECT list_value(vendor_id) AS vendors FROM tripdata" }]"""));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("dashboards/probe.json: queries[0] (lists): column vendors is INTEGER[], which QuickSight has no type for", run.Error, StringComparison.Ordinal);
        Assert.Equal("the export before", File.ReadAllText(Output));
    }

    [Fact]
    public async Task A_chart_naming_a_column_the_result_lacks_is_refused_naming_the_field()
    {
        var run = await ExportAsync(Dashboards("""[{ "name": "hours", "title": "Hours", "sql": "SELECT hour(pickup_at) AS pickup_hour, count(*) AS trips FROM tripdata GROUP BY 1", "chart": { "type": "bar", "x": "pickup_hour", "y": ["trip"] } }]"""));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("dashboards/probe.json: queries[0].chart.y[0] is \"trip\", which the result does not have: its columns are pickup_hour, trips.", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    [Fact]
    public async Task A_dashboard_file_that_does_not_read_stops_the_export_with_the_consoles_message()
    {
        var run = await ExportAsync(Dashboards("""[{ "name": "pie", "title": "Pie", "sql": "SELECT 1 AS one", "chart": { "type": "pie" } }]"""));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("dashboards/probe.json: queries[0].chart.type is \"pie\": give one of auto, line, bar, table.", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
