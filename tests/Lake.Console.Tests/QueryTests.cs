using System.Net;
using System.Text.Json;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>SQL from the console: the sandbox of `lake query`, start-then-poll, pages, the whole result as CSV, stop.</summary>
public sealed class QueryTests(ConsoleLake lake) : IDisposable
{
    private readonly ConsoleClient _client = new(lake.Console);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_writing_statement_is_refused_with_400_before_it_runs_and_no_file_appears()
    {
        var target = Directory.CreateTempSubdirectory("lake-console-target-").FullName;
        var processed = lake.Root.ZonePath(Core.Zones.Zone.Processed);
        var before = LakeFiles();
        string[] writes =
        [
            $"COPY (SELECT * FROM tripdata) TO '{Path.Combine(target, "copy.csv")}'",
            $"COPY (SELECT 1 AS a) TO '{Path.Combine(processed, "tripdata", "forged.parquet")}' (FORMAT PARQUET)",
            $"ATTACH '{Path.Combine(target, "attached.db")}' AS other",
            $"EXPORT DATABASE '{Path.Combine(target, "exported")}'",
            "CREATE TABLE t AS SELECT 1 AS a",
            $"SELECT 1; COPY (SELECT 1) TO '{Path.Combine(target, "second.csv")}'",
        ];
        try
        {
            foreach (var sql in writes)
            {
                using var response = await _client.SendAsync(HttpMethod.Post, "/api/queries", ConsoleClient.QueryBody(sql));
                var error = (await ConsoleClient.JsonOf(response, HttpStatusCode.BadRequest)).GetProperty("error").GetString()!;

                Assert.Matches("read-only|statements", error);
            }
            Assert.Empty(Directory.EnumerateFileSystemEntries(target));
            Assert.Equal(before, LakeFiles());
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public async Task A_query_keeps_its_limit_for_paging_and_its_csv_is_the_whole_result_as_lake_query_prints_it()
    {
        const string sql = "SELECT pickup_at, vendor_id, fare_amount, store_and_forward FROM tripdata ORDER BY ALL";
        var id = await _client.StartQueryAsync(sql, limit: 50);

        var state = await _client.FinishedAsync(id, "&offset=10&count=5");

        Assert.Equal("succeeded", state.GetProperty("state").GetString());
        Assert.Equal(["pickup_at", "vendor_id", "fare_amount", "store_and_forward"], state.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(50, state.GetProperty("row_count").GetInt32());
        Assert.True(state.GetProperty("truncated").GetBoolean());
        var cli = await LakeCommand.RunAsync(lake.Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path }, Cancel, "query", sql, "--format", "csv", "--limit", "100000");
        Assert.True(cli.ExitCode == 0, cli.Error);
        var expected = cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4001 + 1, expected.Length); // header, 4,000 + 1 good rows of the fixture
        Assert.Equal(expected[11..16], state.GetProperty("rows").EnumerateArray().Select(CsvOf));
        Assert.IsType<int>(state.GetProperty("rows")[0][1].GetInt32());
        Assert.Equal(JsonValueKind.Number, state.GetProperty("rows")[0][2].ValueKind);
        Assert.Equal(JsonValueKind.False, state.GetProperty("rows")[0][3].ValueKind);

        using var csv = await _client.GetAsync($"/api/queries/{id}/csv");
        var text = await csv.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"query-{id}.csv", csv.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(cli.Output, text);
    }

    [Fact]
    public async Task A_result_within_its_limit_downloads_as_kept()
    {
        var id = await _client.StartQueryAsync("SELECT vendor_id, count(*) AS trips FROM tripdata GROUP BY vendor_id ORDER BY vendor_id");
        var state = await _client.FinishedAsync(id);
        Assert.False(state.GetProperty("truncated").GetBoolean());

        using var csv = await _client.GetAsync($"/api/queries/{id}/csv");

        var lines = (await csv.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("vendor_id,trips", lines[0]);
        Assert.Equal(state.GetProperty("rows").EnumerateArray().Select(CsvOf), lines[1..]);
        Assert.Equal(4001, lines[1..].Sum(l => int.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)));
        // Asked where the CSV is (as the pages on AWS ask), this host names its own address, which the cookie opens.
        using var where = await _client.GetAsync($"/api/queries/{id}/csv", change: r => r.Headers.Accept.ParseAdd("application/json"));
        var location = (await ConsoleClient.JsonOf(where, HttpStatusCode.OK)).GetProperty("location").GetString();
        Assert.Equal($"/api/queries/{id}/csv", location);
    }

    [Fact]
    public async Task A_running_query_is_stopped_by_delete_and_says_so()
    {
        // With the stop lost, the time limit would end it as "failed" instead.
        var id = await _client.StartQueryAsync("SELECT sum(i) FROM range(100000000000000) t(i)", timeoutSeconds: 120);

        using var stop = await _client.SendAsync(HttpMethod.Delete, $"/api/queries/{id}");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var state = await _client.FinishedAsync(id);

        Assert.Equal("cancelled", state.GetProperty("state").GetString());
        Assert.Contains("stopped", state.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var csv = await _client.GetAsync($"/api/queries/{id}/csv");
        Assert.Equal(HttpStatusCode.Conflict, csv.StatusCode);
    }

    [Fact]
    public async Task A_query_past_its_time_limit_fails_naming_the_limit_and_the_field_that_sets_it()
    {
        var id = await _client.StartQueryAsync("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t", timeoutSeconds: 1.5);

        var state = await _client.FinishedAsync(id);

        Assert.Equal("failed", state.GetProperty("state").GetString());
        Assert.Equal("query stopped by the time limit: it ran longer than 1.5 s (timeout_seconds 1.5). Narrow it, or give a longer timeout_seconds.", state.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("""{"sql": "SELECT 1", "limit": -1}""", "'limit'")]
    [InlineData("""{"sql": "SELECT 1", "limit": 100001}""", "'limit'")]
    [InlineData("""{"sql": "SELECT 1", "timeout_seconds": 0}""", "'timeout_seconds'")]
    [InlineData("""{"sql": "SELECT 1", "timeout_seconds": 1e-9}""", "'timeout_seconds'")]
    [InlineData("""{"sql": "SELECT 1", "limt": 10}""", "'limt'")]
    [InlineData("""{"sql": 42}""", "'sql'")]
    [InlineData("""{"limit": 10}""", "'sql'")]
    [InlineData("""{"sql": "SELECT 1",""", "line 1")]
    [InlineData("""{"sql": "SELEC 1"}""", "syntax error")]
    [InlineData("""{"sql": "SELECT * FROM nothing_here"}""", "nothing_here")]
    [InlineData("""{"sql": "  "}""", "the query is empty")]
    public async Task A_bad_request_is_a_400_naming_what_is_wrong(string body, string named)
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/api/queries", body);

        var error = (await ConsoleClient.JsonOf(response, HttpStatusCode.BadRequest)).GetProperty("error").GetString()!;
        Assert.Contains(named, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_statement_longer_than_the_cap_is_a_400_naming_the_cap()
    {
        var sql = "SELECT 1 -- " + new string('a', QueriesApi.MaxSqlChars);
        using var response = await _client.SendAsync(HttpMethod.Post, "/api/queries", ConsoleClient.QueryBody(sql));
        var error = (await ConsoleClient.JsonOf(response, HttpStatusCode.BadRequest)).GetProperty("error").GetString()!;
        Assert.Contains($"give at most {QueriesApi.MaxSqlChars:N0}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_query_is_404_and_a_bad_page_is_400_naming_the_parameter()
    {
        using var unknown = await _client.GetAsync("/api/queries/0123456789abcdef01234567");
        Assert.Contains("no query", (await ConsoleClient.JsonOf(unknown, HttpStatusCode.NotFound)).GetProperty("error").GetString(), StringComparison.Ordinal);
        var id = await _client.StartQueryAsync("SELECT 1 AS one");

        foreach (var (page, named) in new[] { ("offset=-1", "?offset="), ("count=5000", "?count="), ("count=x", "?count="), ("wait_seconds=61", "?wait_seconds=") })
        {
            using var response = await _client.GetAsync($"/api/queries/{id}?{page}");
            Assert.Contains(named, (await ConsoleClient.JsonOf(response, HttpStatusCode.BadRequest)).GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    // A row of the API as `lake query --format csv` prints it: the same values, the same text.
    private static string CsvOf(JsonElement row) => string.Join(",", row.EnumerateArray().Select(v => v.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => v.ToString(),
    }));

    private List<string> LakeFiles() =>
        Directory.EnumerateFiles(lake.Root.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("query-spill", StringComparison.Ordinal))
            .Select(f => $"{f} {new FileInfo(f).Length}").Order(StringComparer.Ordinal).ToList();

    public void Dispose() => _client.Dispose();
}
