using System.Net;
using System.Text.Json;
using System.Web;

namespace SocarDataLake.LakeConsole.Aws.Tests;

/// <summary>The datasets, runs and quarantine pages' API on AWS: read as `lake status|runs|quarantine --aws` read them.</summary>
public sealed class AwsLakeApiTests
{
    [Fact]
    public async Task Datasets_come_from_the_glue_catalog_and_the_run_summaries_over_every_page()
    {
        await using var lake = await AwsConsoleLake.StartAsync();
        // Glue pages hold two items and S3 listings two keys here: every count below needs a second page or more.
        lake.S3.ListPageSize = 2;
        lake.Glue.Databases[AwsConsoleLake.Database]["tripdata"] = new FakeGlue.Table("tripdata", ["pickup_year", "pickup_month"],
            [["2026", "1"], ["2026", "2"], ["2026", "3"], ["2026", "4"], ["2026", "5"]]) { Columns = [("vendor_id", "int"), ("fare_amount", "double")] };
        lake.Glue.Databases[AwsConsoleLake.Database]["zones"] = new FakeGlue.Table("zones", [], []);
        lake.Summary("tripdata", "jr_1", 0, 100, 1);
        lake.Summary("tripdata", "jr_2", 10, 200, 2);
        lake.Summary("tripdata", "jr_3", 20, 300, 3);

        var datasets = (await lake.GetJsonAsync("/api/datasets")).GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);

        var tripdata = datasets["tripdata"];
        Assert.Equal(3, tripdata.GetProperty("runs").GetInt32());
        Assert.Equal(600, tripdata.GetProperty("rows").GetInt64());
        Assert.Equal(6, tripdata.GetProperty("rows_quarantined").GetInt64());
        Assert.Equal("jr_3", tripdata.GetProperty("last_run").GetProperty("run_id").GetString());
        var table = tripdata.GetProperty("table");
        Assert.Equal(AwsConsoleLake.Database, table.GetProperty("database").GetString());
        Assert.Equal(5, table.GetProperty("partitions").GetInt64());
        Assert.Equal(["pickup_year", "pickup_month"], table.GetProperty("partition_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["vendor_id int", "fare_amount double"], table.GetProperty("columns").EnumerateArray().Select(c => $"{c.GetProperty("name")} {c.GetProperty("type")}"));
        // What only the local lake counts is said to be unknown, not zero.
        Assert.Equal(JsonValueKind.Null, tripdata.GetProperty("raw_objects").ValueKind);
        Assert.Equal(0, datasets["rides"].GetProperty("runs").GetInt32());
        Assert.Equal(["rides", "tripdata"], datasets.Keys.Order());
    }

    [Fact]
    public async Task Throttled_glue_and_s3_calls_are_repeated_after_a_backoff_and_the_page_still_answers()
    {
        await using var lake = await AwsConsoleLake.StartAsync();
        lake.Summary("rides", "jr_1", 0, 50, 0);
        lake.Glue.Throttle("GetTables", 2);
        lake.Glue.Throttle("GetJobRuns", 1);
        lake.S3.SlowDownNext = 1;

        var datasets = (await lake.GetJsonAsync("/api/datasets")).GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);

        Assert.Equal(50, datasets["rides"].GetProperty("rows").GetInt64());
        Assert.Equal(3, lake.Glue.Calls.Count(c => c.Operation == "GetTables"));
        Assert.True(lake.Clock.Waits.Count >= 3, $"Glue's three ThrottlingExceptions are each waited out before the next attempt; waits: {lake.Clock.Waits.Count}");
    }

    [Fact]
    public async Task A_run_without_its_summary_is_listed_with_glues_state_and_why()
    {
        await using var lake = await AwsConsoleLake.StartAsync();
        lake.Summary("tripdata", "jr_t1", 0, 10_000, 25);
        lake.JobRun("tripdata", "jr_t2", 30, "FAILED", 12, "An error occurred while calling o104.pyWriteDynamicFrame. Access Denied");
        lake.JobRun("tripdata", "jr_t3", 60, "SUCCEEDED", 40);

        var runs = (await lake.GetJsonAsync("/api/runs?dataset=tripdata")).GetProperty("runs").EnumerateArray().ToList();

        Assert.Equal(["jr_t1", "jr_t2", "jr_t3"], runs.Select(r => r.GetProperty("run_id").GetString()));
        Assert.Equal(10_000, runs[0].GetProperty("rows_out").GetInt64());
        Assert.Equal(JsonValueKind.Null, runs[0].GetProperty("error").ValueKind);
        Assert.Equal("FAILED", runs[1].GetProperty("state").GetString());
        var failed = runs[1].GetProperty("error").GetString()!;
        Assert.Contains("before writing a run summary", failed, StringComparison.Ordinal);
        Assert.Contains("Access Denied", failed, StringComparison.Ordinal);
        Assert.Contains("no run summary jr_t3.json", runs[2].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_dataset_is_the_callers_mistake_naming_the_known_ones_and_an_unknown_run_is_not_found()
    {
        await using var lake = await AwsConsoleLake.StartAsync();

        using var dataset = await lake.GetAsync("/api/runs?dataset=nope");
        Assert.Equal(HttpStatusCode.BadRequest, dataset.StatusCode);
        Assert.Equal("unknown dataset 'nope': known datasets are rides, tripdata.", await AwsConsoleLake.ErrorAsync(dataset));
        using var run = await lake.GetAsync("/api/quarantine?dataset=tripdata&run=jr_never");
        Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);
    }

    [Fact]
    public async Task Quarantine_of_one_run_is_grouped_from_the_bucket_and_downloads_as_the_records_stored()
    {
        await using var lake = await AwsConsoleLake.StartAsync();
        lake.Summary("tripdata", "jr_1", 0, 10, 2);
        lake.Summary("tripdata", "jr_2", 10, 10, 1);
        string Record(string reason) => JsonSerializer.Serialize(new { raw_object = "raw/tripdata/a.csv", reason, values = new { fare_amount = "x" } });
        var first = new[] { Record("fare_amount: 'x' is not a double"), Record("fare_amount: 'y' is not a double") };
        lake.S3.Put(AwsConsoleLake.QuarantineBucket, "tripdata/run=jr_1/bad-rows-00000.jsonl", string.Join("\n", first) + "\n");
        lake.S3.Put(AwsConsoleLake.QuarantineBucket, "tripdata/run=jr_2/bad-rows-00000.jsonl", Record("vendor_id: missing") + "\n");
        // Still staged by a run that has not committed: never shown.
        lake.S3.Put(AwsConsoleLake.QuarantineBucket, "tripdata/_staging/jr_3/bad-rows-00000.jsonl", Record("staged: not committed") + "\n");

        var groups = (await lake.GetJsonAsync("/api/quarantine?dataset=tripdata&run=jr_1")).GetProperty("groups").EnumerateArray().ToList();
        var group = Assert.Single(groups);
        Assert.Equal("fare_amount: '…' is not a double", group.GetProperty("reason").GetString());
        Assert.Equal(2, group.GetProperty("count").GetInt64());

        var all = (await lake.GetJsonAsync("/api/quarantine")).GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("count").GetInt64());
        Assert.Equal(3, all);

        // One stored object: the download is a redirect to its presigned address, which needs no token.
        using var download = await lake.GetAsync("/api/quarantine/download?dataset=tripdata&run=jr_1");
        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        using var http = new HttpClient();
        using var stored = await http.GetAsync(download.Headers.Location, TestContext.Current.CancellationToken);
        Assert.Equal(first, (await stored.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_quarantine_page_says_when_it_counts_only_the_first_records_it_read()
    {
        await using var lake = await AwsConsoleLake.StartAsync(quarantineReadCap: 3);
        lake.Summary("tripdata", "jr_1", 0, 10, 2);
        lake.Summary("tripdata", "jr_2", 10, 10, 3);
        string Record(string reason) => JsonSerializer.Serialize(new { raw_object = "raw/tripdata/a.csv", reason, values = new { vendor_id = "" } });
        lake.S3.Put(AwsConsoleLake.QuarantineBucket, "tripdata/run=jr_1/bad-rows-00000.jsonl", string.Join("\n", Enumerable.Repeat(Record("vendor_id: missing"), 2)) + "\n");
        lake.S3.Put(AwsConsoleLake.QuarantineBucket, "tripdata/run=jr_2/bad-rows-00000.jsonl", string.Join("\n", Enumerable.Repeat(Record("vendor_id: missing"), 3)) + "\n");

        var capped = await lake.GetJsonAsync("/api/quarantine?dataset=tripdata");
        Assert.True(capped.GetProperty("truncated").GetBoolean());
        Assert.Equal(3, capped.GetProperty("records_read_cap").GetInt32());
        Assert.Equal(3, capped.GetProperty("records_read").GetInt64());
        Assert.Equal(3, capped.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("count").GetInt64()));

        // Exactly the cap and nothing left over is the whole quarantine, not a cut one.
        var whole = await lake.GetJsonAsync("/api/quarantine?dataset=tripdata&run=jr_2");
        Assert.False(whole.GetProperty("truncated").GetBoolean());
        Assert.Equal(3, whole.GetProperty("records_read").GetInt64());
    }

    [Fact]
    public async Task The_quarantine_download_on_aws_is_a_presigned_address_per_committed_object_never_the_records_through_the_function()
    {
        await using var lake = await AwsConsoleLake.StartAsync();
        lake.Summary("tripdata", "jr_1", 0, 10, 2);
        lake.Summary("tripdata", "jr_2", 10, 10, 1);
        lake.S3.Put(AwsConsoleLake.QuarantineBucket, "tripdata/run=jr_1/bad-rows-00000.jsonl", "{\"reason\": \"a\"}\n");
        lake.S3.Put(AwsConsoleLake.QuarantineBucket, "tripdata/run=jr_1/bad-rows-00001.jsonl", "{\"reason\": \"b\"}\n");
        lake.S3.Put(AwsConsoleLake.QuarantineBucket, "tripdata/run=jr_2/bad-rows-00000.jsonl", "{\"reason\": \"c\"}\n");
        lake.S3.Put(AwsConsoleLake.QuarantineBucket, "tripdata/_staging/jr_3/bad-rows-00000.jsonl", "{\"reason\": \"staged\"}\n");

        using var answer = await lake.SendAsync(HttpMethod.Get, "/api/quarantine/download?dataset=tripdata", accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var listed = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(0, listed.GetProperty("unlisted").GetInt32());
        var files = listed.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["quarantine-tripdata-jr_1-bad-rows-00000.jsonl", "quarantine-tripdata-jr_1-bad-rows-00001.jsonl", "quarantine-tripdata-jr_2-bad-rows-00000.jsonl"],
            files.Select(f => f.GetProperty("name").GetString()));
        using var http = new HttpClient();
        var bodies = new List<string>();
        foreach (var file in files)
        {
            var location = new Uri(file.GetProperty("location").GetString()!);
            var query = HttpUtility.ParseQueryString(location.Query);
            // 15 minutes, give or take the second the signature's time may have turned over in.
            Assert.InRange(int.Parse(query["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture), 899, 901);
            Assert.Matches("^[0-9a-f]{64}$", query["X-Amz-Signature"]);
            Assert.Equal($"attachment; filename=\"{file.GetProperty("name").GetString()}\"", query["response-content-disposition"]);
            var body = await http.GetStringAsync(location, TestContext.Current.CancellationToken);
            Assert.Equal(body.Length, file.GetProperty("bytes").GetInt64());
            bodies.Add(body.Trim());
        }
        Assert.Equal(["{\"reason\": \"a\"}", "{\"reason\": \"b\"}", "{\"reason\": \"c\"}"], bodies);

        // Several objects and a plain request: the same list, as 300 Multiple Choices, no records through the function.
        using var plain = await lake.GetAsync("/api/quarantine/download?dataset=tripdata");
        Assert.Equal(HttpStatusCode.MultipleChoices, plain.StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await plain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("files").GetArrayLength());
    }
}
