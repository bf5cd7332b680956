using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocarDataLake.Core;

namespace SocarDataLake.LakeConsole.Aws.Tests;

/// <summary>
/// A dashboard's $name parameters on Athena: ? placeholders with ExecutionParameters, each value a literal of its
/// declared type, against a fake that fails a query whose values do not match its placeholders, as Trino does.
/// </summary>
public sealed class AthenaDashboardParameterTests
{
    [Fact]
    public async Task The_demo_dashboards_date_range_and_distance_reach_athena_as_execution_parameters_not_as_sql_text()
    {
        string? bound = null;
        await using var lake = await AwsConsoleLake.StartAsync(sql =>
        {
            bound = sql;
            return new AthenaPlan([("day", "date"), ("trips", "bigint"), ("revenue", "double")], [["2019-01-05", "12", "180.5"]]);
        });
        var parameters = new JsonObject { ["from_day"] = "2019-01-05", ["to_day"] = "2019-01-31", ["min_miles"] = 1.5 };

        using var started = await lake.SendAsync(HttpMethod.Post, "/api/dashboards/demo/queries/trips-per-day", new JsonObject { ["parameters"] = parameters }.ToJsonString());
        var text = await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        JsonElement state;
        do state = await lake.GetJsonAsync($"/api/queries/{id}");
        while (state.GetProperty("state").GetString() == "running");

        Assert.Equal("succeeded", state.GetProperty("state").GetString());
        var start = Assert.Single(lake.Athena.Calls, c => c.Operation == "StartQueryExecution").Body;
        var sql = start["QueryString"]!.GetValue<string>();
        Assert.Contains("BETWEEN ? AND ? AND trip_distance_miles >= ?", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("2019-01", sql, StringComparison.Ordinal);
        Assert.Equal(["DATE '2019-01-05'", "DATE '2019-01-31'", "1.5"], start["ExecutionParameters"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("BETWEEN DATE '2019-01-05' AND DATE '2019-01-31' AND trip_distance_miles >= 1.5", bound, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_that_is_not_a_day_is_refused_naming_the_parameter_and_nothing_reaches_athena()
    {
        await using var lake = await AwsConsoleLake.StartAsync();

        using var refused = await lake.SendAsync(HttpMethod.Post, "/api/dashboards/demo/queries/trips-per-day", """{"parameters": {"from_day": "2019-02-30"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("parameter 'from_day' is \"2019-02-30\"", await AwsConsoleLake.ErrorAsync(refused), StringComparison.Ordinal);
        Assert.Empty(lake.Athena.Calls);
    }

    [Fact]
    public void Text_is_quoted_with_its_quotes_doubled_and_stays_one_literal()
    {
        var (sql, values) = AthenaParameters.Bind("SELECT * FROM rides WHERE customer = $who", new Dictionary<string, object?> { ["who"] = "x' OR '1'='1" });

        Assert.Equal("SELECT * FROM rides WHERE customer = ?", sql);
        Assert.Equal(["'x'' OR ''1''=''1'"], values);
    }

    [Fact]
    public void Names_in_strings_identifiers_and_comments_are_left_alone_and_a_name_used_twice_is_two_placeholders()
    {
        var (sql, values) = AthenaParameters.Bind(
            "SELECT '$n' AS \"$n\", x -- $n\nFROM t /* $n */ WHERE a = $n OR b = $n AND c = 'it''s $n'",
            new Dictionary<string, object?> { ["n"] = 7L });

        Assert.Equal("SELECT '$n' AS \"$n\", x -- $n\nFROM t /* $n */ WHERE a = ? OR b = ? AND c = 'it''s $n'", sql);
        Assert.Equal(["7", "7"], values);
    }

    [Fact]
    public void A_line_comment_ends_at_a_carriage_return_as_trino_and_duckdb_end_it()
    {
        var (sql, values) = AthenaParameters.Bind("SELECT 1 -- ? $n\r, x FROM t WHERE a = $n", new Dictionary<string, object?> { ["n"] = 7L });

        Assert.Equal("SELECT 1 -- ? $n\r, x FROM t WHERE a = ?", sql);
        Assert.Equal(["7"], values);
        // Past the comment's end, a name is a placeholder like any other.
        Assert.Equal(["7", "7"], AthenaParameters.Bind("SELECT 1 -- c\r, $n AS x FROM t WHERE a = $n", new Dictionary<string, object?> { ["n"] = 7L }).Values);
    }

    [Fact]
    public void Numbers_and_dates_become_literals_of_their_type_and_anything_else_is_refused()
    {
        Assert.Equal("-42", AthenaParameters.Literal("n", -42L));
        Assert.Equal("2.5", AthenaParameters.Literal("n", 2.5));
        Assert.Equal("1E-07", AthenaParameters.Literal("n", 1e-7));
        Assert.Equal("DATE '2019-01-31'", AthenaParameters.Literal("d", new DateOnly(2019, 1, 31)));
        Assert.Contains("parameter $n is a Double", Assert.Throws<LakeException>(() => AthenaParameters.Literal("n", double.NaN)).Message, StringComparison.Ordinal);
        Assert.Contains("parameter $n is null", Assert.Throws<LakeException>(() => AthenaParameters.Literal("n", null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_mark_in_the_sql_or_a_name_without_a_value_is_refused_before_athena()
    {
        var none = new Dictionary<string, object?> { ["n"] = 1L };
        Assert.Contains("holds a ? at character 33", Assert.Throws<LakeException>(() => AthenaParameters.Bind("SELECT * FROM t WHERE a = $n OR ?", none)).Message, StringComparison.Ordinal);
        Assert.Contains("uses $m at character 27, which has no value", Assert.Throws<LakeException>(() => AthenaParameters.Bind("SELECT * FROM t WHERE a = $m", none)).Message, StringComparison.Ordinal);
        Assert.Equal("SELECT 'why?' -- or?\n", AthenaParameters.Bind("SELECT 'why?' -- or?\n", none).Sql);
    }
}
