using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Web;

namespace SocarDataLake.LakeConsole.Aws.Tests;

/// <summary>The SQL page's API on Athena: start-then-poll as locally, against a fake of Athena's query API.</summary>
public sealed class AthenaQueriesApiTests
{
    private static AthenaPlan Numbers(int count) =>
        new([("n", "bigint"), ("label", "varchar")], Enumerable.Range(0, count).Select(i => new string?[] { i.ToString(CultureInfo.InvariantCulture), $"row {i}" }).ToList(), ScannedBytes: 3L << 30);

    [Fact]
    public async Task A_page_deep_in_the_result_follows_athenas_page_tokens_and_says_where_the_limit_cut()
    {
        await using var lake = await AwsConsoleLake.StartAsync(_ => Numbers(2_500));

        var state = await lake.RunAsync("SELECT n, label FROM tripdata", limit: 2_000, page: "offset=1500&count=100");

        Assert.Equal("succeeded", state.GetProperty("state").GetString());
        Assert.Equal(["n", "label"], state.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(Enumerable.Range(1500, 100).Select(i => (long)i), state.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt64()));
        // More rows follow this page; how many is known only once a page reaches the end or the limit.
        Assert.Equal(JsonValueKind.Null, state.GetProperty("row_count").ValueKind);
        Assert.Equal(3L << 30, state.GetProperty("bytes_scanned").GetInt64());
        // 3 GiB billed at $5 per TiB (ScanCost: rounded up to the megabyte, 10 MB minimum).
        Assert.Equal(0.014648m, state.GetProperty("cost_usd").GetDecimal());
        var start = Assert.Single(lake.Athena.Calls, c => c.Operation == "StartQueryExecution").Body;
        Assert.False(string.IsNullOrEmpty(start["ClientRequestToken"]?.GetValue<string>()));
        Assert.Equal("socar-lake-dev-analytics", start["WorkGroup"]?.GetValue<string>());

        var last = await lake.GetJsonAsync($"/api/queries/{state.GetProperty("id").GetString()}?offset=1950&count=100");
        Assert.Equal(Enumerable.Range(1950, 50).Select(i => (long)i), last.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt64()));
        Assert.True(last.GetProperty("truncated").GetBoolean());
        Assert.Equal(2_000, last.GetProperty("row_count").GetInt32());
    }

    [Fact]
    public async Task A_deeper_page_resumes_from_the_nearest_page_token_already_met_not_from_the_first_row()
    {
        await using var lake = await AwsConsoleLake.StartAsync(_ => Numbers(2_500));
        var state = await lake.RunAsync("SELECT n, label FROM tripdata", limit: 2_000, page: "offset=1500&count=100");
        var id = state.GetProperty("id").GetString()!;
        // Rows 0-998 (after the header row), then 999-1600: a token leading to row 999 and one leading to row 1601.
        Assert.Equal(2, lake.Athena.Calls.Count(c => c.Operation == "GetQueryResults"));
        lake.Athena.Calls.Clear();

        var deeper = await lake.GetJsonAsync($"/api/queries/{id}?offset=1950&count=100");

        Assert.Equal(Enumerable.Range(1950, 50).Select(i => (long)i), deeper.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt64()));
        Assert.True(deeper.GetProperty("truncated").GetBoolean());
        Assert.Equal(2_000, deeper.GetProperty("row_count").GetInt32());
        var read = Assert.Single(lake.Athena.Calls, c => c.Operation == "GetQueryResults").Body;
        Assert.Equal("page-1602", read["NextToken"]?.GetValue<string>());
        Assert.Equal(400, read["MaxResults"]?.GetValue<int>());
        lake.Athena.Calls.Clear();

        // Between two tokens: from the one before, with the same rows as a read from the start gives.
        var between = await lake.GetJsonAsync($"/api/queries/{id}?offset=1200&count=10");
        Assert.Equal(Enumerable.Range(1200, 10).Select(i => (long)i), between.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt64()));
        Assert.Equal("page-1000", Assert.Single(lake.Athena.Calls, c => c.Operation == "GetQueryResults").Body["NextToken"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_page_of_big_values_stops_before_4_MiB_says_so_and_the_next_offset_carries_on()
    {
        var big = new string('x', 200_000);
        await using var lake = await AwsConsoleLake.StartAsync(_ => new AthenaPlan([("n", "bigint"), ("blob", "varchar")],
            Enumerable.Range(0, 200).Select(i => new string?[] { i.ToString(CultureInfo.InvariantCulture), big }).ToList()));

        var state = await lake.RunAsync("SELECT n, blob FROM tripdata", page: "count=200");

        Assert.True(state.GetProperty("page_truncated").GetBoolean());
        var shown = state.GetProperty("rows").GetArrayLength();
        Assert.InRange(shown, 1, 199);
        Assert.True(shown * (long)big.Length <= 4 * 1024 * 1024, $"{shown} rows of {big.Length:N0} characters in one page");
        Assert.Equal($"this page holds {shown:N0} rows, as many as fit in 4 MiB: ask for the next offset. The CSV download has the whole result.", state.GetProperty("notice").GetString());
        var next = await lake.GetJsonAsync($"/api/queries/{state.GetProperty("id").GetString()}?offset={shown}&count=1");
        Assert.Equal(shown, next.GetProperty("rows")[0][0].GetInt64());
    }

    [Fact]
    public async Task A_failed_query_says_athenas_reason_and_whose_fault_it_is()
    {
        const string Reason = "COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved";
        await using var lake = await AwsConsoleLake.StartAsync(_ => new AthenaPlan([], [], FailCategory: 2, FailReason: Reason));

        var state = await lake.RunAsync("SELECT nope FROM tripdata");

        Assert.Equal("failed", state.GetProperty("state").GetString());
        Assert.Equal($"Athena: an error in the query: {Reason}", state.GetProperty("error").GetString());
        Assert.Equal("SELECT nope FROM tripdata", state.GetProperty("sql").GetString());
        Assert.Equal(0m, state.GetProperty("cost_usd").GetDecimal());
        Assert.DoesNotContain(lake.Athena.Calls, c => c.Operation == "GetQueryResults");
    }

    [Fact]
    public async Task A_write_statement_is_refused_naming_its_type_and_nothing_reaches_athena()
    {
        await using var lake = await AwsConsoleLake.StartAsync();

        using var refused = await lake.SendAsync(HttpMethod.Post, "/api/queries", """{"sql": "INSERT INTO tripdata SELECT * FROM tripdata"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is read-only: this is a statement of type INSERT", await AwsConsoleLake.ErrorAsync(refused), StringComparison.Ordinal);
        Assert.Empty(lake.Athena.Calls);
    }

    [Fact]
    public async Task Throttled_polls_are_repeated_and_a_full_account_is_a_429_saying_what_to_do()
    {
        await using var lake = await AwsConsoleLake.StartAsync(_ => Numbers(3));
        lake.Athena.Throttle("GetQueryExecution", "ThrottlingException", 3);

        var state = await lake.RunAsync("SELECT n FROM tripdata");

        Assert.Equal("succeeded", state.GetProperty("state").GetString());
        Assert.Equal(3, state.GetProperty("row_count").GetInt32());
        Assert.True(lake.Clock.Waits.Count >= 3, $"each ThrottlingException is waited out; waits: {lake.Clock.Waits.Count}");

        // AwsCallBackoff tries eight times; an account still at its concurrent query limit is told to the caller.
        lake.Athena.Throttle("StartQueryExecution", "TooManyRequestsException", 8);
        using var full = await lake.SendAsync(HttpMethod.Post, "/api/queries", """{"sql": "SELECT 1"}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, full.StatusCode);
        Assert.Contains("stop one (DELETE /api/queries/<id>)", await AwsConsoleLake.ErrorAsync(full), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_a_running_query_stops_it_in_athena()
    {
        await using var lake = await AwsConsoleLake.StartAsync(_ => Numbers(1) with { RunsForever = true });
        using var started = await lake.SendAsync(HttpMethod.Post, "/api/queries", """{"sql": "SELECT n FROM tripdata"}""");
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("id").GetString()!;
        Assert.Equal("running", (await lake.GetJsonAsync($"/api/queries/{id}")).GetProperty("state").GetString());

        using var stop = await lake.SendAsync(HttpMethod.Delete, $"/api/queries/{id}");
        var state = JsonDocument.Parse(await stop.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal("cancelled", state.GetProperty("state").GetString());
        Assert.Contains("Query cancelled by user", state.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(lake.Athena.Calls, c => c.Operation == "StopQueryExecution");
    }

    [Fact]
    public async Task A_query_past_its_time_limit_is_stopped_in_athena_when_polled_and_says_which_limit()
    {
        // The fake reports 200 ms of TotalExecutionTimeInMillis while a query runs: past a 0.1 s limit at the first poll.
        await using var lake = await AwsConsoleLake.StartAsync(_ => Numbers(1) with { RunsForever = true });
        using var started = await lake.SendAsync(HttpMethod.Post, "/api/queries", """{"sql": "SELECT n FROM tripdata", "timeout_seconds": 0.1}""");
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("id").GetString()!;

        var state = await lake.GetJsonAsync($"/api/queries/{id}");

        Assert.Equal("cancelled", state.GetProperty("state").GetString());
        Assert.StartsWith("stopped at the time limit of 0.1 s (timeout_seconds)", state.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0.1, state.GetProperty("timeout_seconds").GetDouble());
        Assert.Single(lake.Athena.Calls, c => c.Operation == "StopQueryExecution");
    }

    [Fact]
    public async Task The_whole_csv_is_a_presigned_address_of_athenas_result_object()
    {
        await using var lake = await AwsConsoleLake.StartAsync(_ => Numbers(1_500));
        var state = await lake.RunAsync("SELECT n, label FROM tripdata", limit: 10);
        var id = state.GetProperty("id").GetString()!;
        var execution = lake.Athena.Queries.Single().Id;

        using var csv = await lake.GetAsync($"/api/queries/{id}/csv");

        Assert.Equal(HttpStatusCode.Redirect, csv.StatusCode);
        var location = csv.Headers.Location!;
        Assert.Equal($"/{FakeAthena.ResultsBucket}/{execution}.csv", location.AbsolutePath);
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("AWS4-HMAC-SHA256", query["X-Amz-Algorithm"]);
        Assert.Matches(@"^AKIDTEST/\d{8}/ap-south-1/s3/aws4_request$", query["X-Amz-Credential"]);
        // 15 minutes, give or take the second the signature's time may have turned over in.
        Assert.InRange(int.Parse(query["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture), 899, 901);
        Assert.Matches("^[0-9a-f]{64}$", query["X-Amz-Signature"]);
        Assert.Equal($"attachment; filename=\"query-{execution}.csv\"", query["response-content-disposition"]);
        // The address leads to the whole result, not the ten rows kept for paging.
        using var http = new HttpClient();
        var lines = (await http.GetStringAsync(location, TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1_501, lines.Length);
    }

    [Fact]
    public async Task Asked_for_json_the_csv_endpoint_answers_the_presigned_address_instead_of_redirecting()
    {
        // The page on AWS sends a bearer token: a redirect to S3 must not be followed with it, so the page asks where.
        await using var lake = await AwsConsoleLake.StartAsync(_ => Numbers(1_500));
        var id = (await lake.RunAsync("SELECT n, label FROM tripdata", limit: 10)).GetProperty("id").GetString()!;
        var execution = lake.Athena.Queries.Single().Id;

        using var answer = await lake.SendAsync(HttpMethod.Get, $"/api/queries/{id}/csv", accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var location = new Uri(json.GetProperty("location").GetString()!);
        Assert.Equal($"/{FakeAthena.ResultsBucket}/{execution}.csv", location.AbsolutePath);
        Assert.Matches("^[0-9a-f]{64}$", HttpUtility.ParseQueryString(location.Query)["X-Amz-Signature"]);
        // Fetched without the console's token, as the browser's navigation to it is.
        using var http = new HttpClient();
        var lines = (await http.GetStringAsync(location, TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1_501, lines.Length);
    }
}
