using System.Net;
using System.Text.Json;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>Datasets, runs and quarantine as the console serves them, against a lake the real pipeline filled.</summary>
public sealed class LakeApiTests(ConsoleLake lake) : IDisposable
{
    private readonly ConsoleClient _client = new(lake.Console);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Datasets_show_the_contract_the_counts_the_last_run_and_the_schema_drift()
    {
        var datasets = (await _client.GetJsonAsync("/api/datasets")).GetProperty("datasets").EnumerateArray().ToList();

        Assert.Equal(["rides", "tripdata"], datasets.Select(d => d.GetProperty("name").GetString()));
        var trips = datasets[1];
        var columns = trips.GetProperty("contract").GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString());
        Assert.Equal("decimal(10,2)", columns["fare_amount"]);
        Assert.Equal("timestamp", columns["pickup_at"]);
        Assert.Equal(["pickup_year", "pickup_month"], trips.GetProperty("contract").GetProperty("partitioning").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(3, trips.GetProperty("raw_objects").GetInt32());
        Assert.Equal(0, trips.GetProperty("pending_objects").GetInt32());
        Assert.Equal(3, trips.GetProperty("processed_objects").GetInt32());
        Assert.Equal(3, trips.GetProperty("runs").GetInt32());
        Assert.Equal(lake.Runs.Sum(r => r.RowsOut), trips.GetProperty("rows").GetInt64());
        Assert.Equal(4001, trips.GetProperty("rows").GetInt64());
        Assert.Equal(1999 + 2, trips.GetProperty("rows_quarantined").GetInt64());
        Assert.Equal(lake.BadFaresRun.RunId, trips.GetProperty("last_run").GetProperty("run_id").GetString());
        var versions = trips.GetProperty("schema_versions").EnumerateArray().ToList();
        // v2: the 2015 layout; v3: the small file with bad fares, which the crawler compares with v2.
        Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Contains(versions[1].GetProperty("drift").EnumerateArray(), d => d.GetString()!.Contains("missing columns: PULocationID, DOLocationID", StringComparison.Ordinal));
        var rides = datasets[0];
        Assert.Equal(0, rides.GetProperty("runs").GetInt32());
        Assert.Equal(JsonValueKind.Null, rides.GetProperty("last_run").ValueKind);
    }

    [Fact]
    public async Task Runs_show_rows_in_out_and_quarantined_blank_lines_duration_state_and_raw_objects()
    {
        var runs = (await _client.GetJsonAsync("/api/runs?dataset=tripdata")).GetProperty("runs").EnumerateArray().ToList();

        Assert.Equal(lake.Runs.Select(r => r.RunId), runs.Select(r => r.GetProperty("run_id").GetString()));
        foreach (var (run, expected) in runs.Zip(lake.Runs))
        {
            Assert.Equal("SUCCEEDED", run.GetProperty("state").GetString());
            Assert.Equal(expected.RowsIn, run.GetProperty("rows_in").GetInt64());
            Assert.Equal(run.GetProperty("rows_in").GetInt64(), run.GetProperty("rows_out").GetInt64() + run.GetProperty("rows_quarantined").GetInt64());
            Assert.Equal(0, run.GetProperty("blank_lines").GetInt64());
            Assert.True(run.GetProperty("duration_seconds").GetDouble() > 0);
            Assert.Equal(expected.RawObjects, run.GetProperty("raw_objects").EnumerateArray().Select(o => o.GetString()));
            Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind);
        }
        Assert.Equal([4000L, 1999L, 3L], runs.Select(r => r.GetProperty("rows_in").GetInt64()));
        Assert.Empty((await _client.GetJsonAsync("/api/runs?dataset=rides")).GetProperty("runs").EnumerateArray());
        Assert.Equal(3, (await _client.GetJsonAsync("/api/runs")).GetProperty("runs").GetArrayLength());
        using var unknown = await _client.GetAsync("/api/runs?dataset=nope");
        var error = (await ConsoleClient.JsonOf(unknown, HttpStatusCode.BadRequest)).GetProperty("error").GetString()!;
        Assert.Contains("unknown dataset 'nope'", error, StringComparison.Ordinal);
        Assert.Contains("tripdata", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantine_groups_bad_rows_by_reason_per_run_and_object_with_examples()
    {
        var run = lake.BadFaresRun;

        var groups = (await _client.GetJsonAsync($"/api/quarantine?dataset=tripdata&run={run.RunId}")).GetProperty("groups").EnumerateArray().ToList();

        var fares = Assert.Single(groups);
        Assert.StartsWith("fare_amount: '…' is not a decimal(10,2)", fares.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, fares.GetProperty("count").GetInt64());
        var place = Assert.Single(fares.GetProperty("places").EnumerateArray());
        Assert.Equal(run.RunId, place.GetProperty("run").GetString());
        Assert.Equal(Assert.Single(run.RawObjects), place.GetProperty("raw_object").GetString());
        Assert.Equal(2, place.GetProperty("count").GetInt64());
        var examples = fares.GetProperty("examples").EnumerateArray().ToList();
        Assert.Equal([2L, 3L], examples.Select(e => e.GetProperty("data_row").GetInt64()));
        Assert.StartsWith("fare_amount: 'abc' is not a decimal(10,2)", examples[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("fare_amount: 'xyz' is not a decimal(10,2)", examples[1].GetProperty("detail").GetString(), StringComparison.Ordinal);

        var whole = await _client.GetJsonAsync("/api/quarantine?dataset=tripdata");
        // The local lake reads every record: no cap, nothing cut.
        Assert.False(whole.GetProperty("truncated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("records_read_cap").ValueKind);
        var all = whole.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(all.Sum(g => g.GetProperty("count").GetInt64()), whole.GetProperty("records_read").GetInt64());
        Assert.Equal(1999, all[0].GetProperty("count").GetInt64());
        Assert.Contains("required source column", all[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(all, g => g.GetProperty("reason").GetString() == fares.GetProperty("reason").GetString());
        using var unknown = await _client.GetAsync("/api/quarantine?dataset=tripdata&run=run-that-never-was");
        Assert.Contains("run-that-never-was", (await ConsoleClient.JsonOf(unknown, HttpStatusCode.NotFound)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quarantine_download_is_every_stored_bad_row_line_for_line()
    {
        var run = lake.BadFaresRun;
        var stored = Directory.EnumerateFiles(Path.Combine(lake.Root.ZonePath(Zone.Quarantine), "tripdata", $"run={run.RunId}"), "*.jsonl")
            .Order(StringComparer.Ordinal).SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();

        using var download = await _client.GetAsync($"/api/quarantine/download?dataset=tripdata&run={run.RunId}");
        var lines = (await download.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal($"quarantine-tripdata-{run.RunId}.jsonl", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(stored, lines);
        Assert.Equal(run.RowsQuarantined, lines.Length);
        Assert.Equal("abc", JsonDocument.Parse(lines[0]).RootElement.GetProperty("values").GetProperty("fare_amount").GetString());
        // Asked where the file is, as the page on AWS asks: locally it is this very address, sent by the console.
        using var where = await _client.GetAsync($"/api/quarantine/download?dataset=tripdata&run={run.RunId}", change: r => r.Headers.Accept.ParseAdd("application/json"));
        var file = Assert.Single((await ConsoleClient.JsonOf(where, HttpStatusCode.OK)).GetProperty("files").EnumerateArray());
        Assert.Equal($"/api/quarantine/download?dataset=tripdata&run={run.RunId}", file.GetProperty("location").GetString());
        using var everything = await _client.GetAsync("/api/quarantine/download?dataset=tripdata");
        Assert.Equal(lake.Runs.Sum(r => r.RowsQuarantined), (await everything.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public void Dispose() => _client.Dispose();
}
