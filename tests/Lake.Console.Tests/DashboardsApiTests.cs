using System.Net;
using System.Text.Json;
using SocarDataLake.Core.Queries;
using SocarDataLake.LakeConsole.Local;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// Dashboards as code over the API: the repository's dashboards/demo.json holds the demo's questions (queries/*.sql),
/// and a dashboard query runs with its parameters bound as values through the sandbox of `lake query`.
/// </summary>
public sealed class DashboardsApiTests(ConsoleLake lake) : IDisposable
{
    private readonly ConsoleClient _client = new(lake.Console);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_default_dashboard_holds_every_demo_question_with_its_sql_file_title_and_sql()
    {
        var body = await _client.GetJsonAsync("/api/dashboards");

        Assert.Empty(body.GetProperty("problems").EnumerateArray());
        var demo = Assert.Single(body.GetProperty("dashboards").EnumerateArray(), d => d.GetProperty("name").GetString() == "demo");
        Assert.Equal("dashboards/demo.json", demo.GetProperty("file").GetString());
        var queries = demo.GetProperty("queries").EnumerateArray().ToList();
        var questions = QueryFile.ReadAll(ConsoleLake.Repo("queries"));
        Assert.NotEmpty(questions);
        foreach (var question in questions)
        {
            var query = Assert.Single(queries, q => q.GetProperty("sql_file").GetString() == "../queries/" + Path.GetFileName(question.Path));
            Assert.Equal(question.Title, query.GetProperty("title").GetString());
            Assert.Equal(question.Sql, query.GetProperty("sql").GetString());
        }
    }

    [Fact]
    public async Task Every_query_of_the_default_dashboard_runs_with_its_defaults()
    {
        var demo = (await _client.GetJsonAsync("/api/dashboards")).GetProperty("dashboards").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "demo");
        foreach (var query in demo.GetProperty("queries").EnumerateArray().Select(q => q.GetProperty("name").GetString()!))
        {
            var state = await RunAsync("demo", query, "{}");

            Assert.True(state.GetProperty("state").GetString() == "succeeded", $"{query}: {state.GetProperty("error")}");
            Assert.True(state.GetProperty("row_count").GetInt32() > 0, query);
        }
    }

    [Fact]
    public async Task Parameters_filter_as_values_and_the_csv_binds_them_again()
    {
        const string days = "{\"parameters\": {\"from_day\": \"2019-01-10\", \"to_day\": \"2019-01-11\", \"min_miles\": 5}, \"limit\": 1}";
        var state = await RunAsync("demo", "trips-per-day", days);

        Assert.Equal("succeeded", state.GetProperty("state").GetString());
        Assert.Equal("2019-01-10", state.GetProperty("parameters").GetProperty("from_day").GetString());
        Assert.Equal(5, state.GetProperty("parameters").GetProperty("min_miles").GetDouble());
        Assert.True(state.GetProperty("truncated").GetBoolean());
        // The kept row stops at the limit, so the CSV reads the whole result again: with the same values bound.
        using var csv = await _client.GetAsync($"/api/queries/{state.GetProperty("id").GetString()}/csv");
        var lines = (await csv.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = new QueryService(lake.Root, new CatalogStore(lake.Root)).Run(
            "SELECT CAST(pickup_at AS DATE) AS day, count(*) AS trips, round(sum(total_amount), 2) AS revenue FROM tripdata " +
            "WHERE CAST(pickup_at AS DATE) BETWEEN DATE '2019-01-10' AND DATE '2019-01-11' AND trip_distance_miles >= 5 GROUP BY 1 ORDER BY 1", 100);
        Assert.Equal(2, expected.Rows.Count);
        Assert.Equal(["day,trips,revenue", .. expected.Rows.Select(r => ResultText.CsvLine(r.Select(ResultText.Text)))], lines);
    }

    [Fact]
    public async Task A_text_value_is_never_sql_it_is_compared_as_the_text_it_is()
    {
        var folder = Directory.CreateTempSubdirectory("lake-dashboards-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "flags.json"), """
                { "title": "Flags", "parameters": [{ "name": "flag", "type": "text", "default": "N" }],
                  "queries": [{ "name": "trips", "title": "Trips with the flag", "sql": "SELECT count(*) AS trips FROM tripdata WHERE store_and_forward = ($flag = 'Y')" }] }
                """, Cancel);
            await using var console = await LocalConsole.StartAsync(lake.Root, 0, TimeProvider.System, Cancel, folder);
            using var client = new ConsoleClient(console);
            foreach (var hostile in new[] { "N' OR '1'='1", "Y') OR (1=1", "'; COPY (SELECT 1) TO '/tmp/x.csv'; --" })
            {
                var state = await RunAsync(client, "flags", "trips", JsonSerializer.Serialize(new Dictionary<string, object> { ["parameters"] = new Dictionary<string, string> { ["flag"] = hostile } }));

                Assert.Equal("succeeded", state.GetProperty("state").GetString());
                Assert.Equal(hostile, state.GetProperty("parameters").GetProperty("flag").GetString());
                // Not 'Y', so the same count as 'N': the text was compared, not run.
                var asN = await RunAsync(client, "flags", "trips", "{\"parameters\": {\"flag\": \"N\"}}");
                Assert.Equal(asN.GetProperty("rows")[0][0].GetInt64(), state.GetProperty("rows")[0][0].GetInt64());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_wrong_parameter_is_a_400_naming_it_and_what_it_takes()
    {
        (string Body, string Says)[] cases =
        [
            ("{\"parameters\": {\"min_miles\": \"five\"}}", "parameter 'min_miles' is \"five\": give a number"),
            ("{\"parameters\": {\"from_day\": \"2019-02-30\"}}", "parameter 'from_day' is \"2019-02-30\": give a date as a string YYYY-MM-DD"),
            ("{\"parameters\": {\"min_mile\": 1}}", "parameter 'min_mile' is not one of dashboard demo's: from_day, to_day, min_miles"),
            ("{\"parameter\": {}}", "field 'parameter' is not what POST /api/dashboards/demo/queries/trips-per-day takes"),
            ("{\"limit\": -1}", "field 'limit' is -1"),
        ];
        foreach (var (body, says) in cases)
        {
            using var response = await _client.SendAsync(HttpMethod.Post, "/api/dashboards/demo/queries/trips-per-day", body);
            var error = (await ConsoleClient.JsonOf(response, HttpStatusCode.BadRequest)).GetProperty("error").GetString()!;
            Assert.Contains(says, error, StringComparison.Ordinal);
        }
        using var noDashboard = await _client.SendAsync(HttpMethod.Post, "/api/dashboards/nope/queries/x", "{}");
        Assert.Contains("no dashboard 'nope'", (await ConsoleClient.JsonOf(noDashboard, HttpStatusCode.NotFound)).GetProperty("error").GetString(), StringComparison.Ordinal);
        using var noQuery = await _client.SendAsync(HttpMethod.Post, "/api/dashboards/demo/queries/nope", "{}");
        Assert.Contains("dashboard demo has no query 'nope'", (await ConsoleClient.JsonOf(noQuery, HttpStatusCode.NotFound)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private Task<JsonElement> RunAsync(string dashboard, string query, string body) => RunAsync(_client, dashboard, query, body);

    private static async Task<JsonElement> RunAsync(ConsoleClient client, string dashboard, string query, string body)
    {
        using var response = await client.SendAsync(HttpMethod.Post, $"/api/dashboards/{dashboard}/queries/{query}", body);
        var id = (await ConsoleClient.JsonOf(response, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        return await client.FinishedAsync(id);
    }

    public void Dispose() => _client.Dispose();
}
