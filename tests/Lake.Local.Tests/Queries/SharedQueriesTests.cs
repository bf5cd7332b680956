using SocarDataLake.Core.Queries;

namespace SocarDataLake.Local.Tests.Queries;

/// <summary>
/// The demo's questions (queries/*.sql) are one set for both engines: each runs on the local lake and uses nothing
/// on the list of what Athena (Trino) refuses.
/// </summary>
public sealed class SharedQueriesTests
{
    private static IReadOnlyList<QueryFile> Questions => QueryFile.ReadAll(Repo.Path("queries"));

    [Fact]
    public async Task Every_question_runs_on_the_local_lake_and_uses_nothing_athena_refuses()
    {
        using var lake = new TestLake();
        await lake.IngestAsync("tripdata", TestLake.Repo_Sample("sample_yellow_tripdata_2019-01.csv"));

        Assert.True(Questions.Count >= 4, "the demo asks at least its four questions");
        foreach (var question in Questions)
        {
            var result = lake.Query(question.Sql);
            Assert.True(result.Rows.Count > 0, $"{question.Path}: no rows on the NYC sample");
            var refused = DuckDbOnlySyntax.Find(question.Sql);
            Assert.True(refused.Count == 0, $"{question.Path}: {string.Join("; ", refused)}");
        }
    }

    [Fact]
    public async Task The_weekday_question_numbers_days_from_monday_as_athenas_day_of_week_does()
    {
        using var lake = new TestLake();
        await lake.IngestAsync("tripdata", TestLake.Repo_Sample("sample_yellow_tripdata_2019-01.csv"));
        var question = Questions.Single(q => q.Path.EndsWith("trips-by-weekday.sql", StringComparison.Ordinal));

        var byDay = lake.Query(question.Sql).Rows.ToDictionary(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        // DuckDB's isodow is ISO 8601 (1 = Monday), as Trino's day_of_week: the portable arithmetic must agree with it.
        var iso = lake.Query("SELECT isodow(pickup_at) AS d, count(*) FROM tripdata GROUP BY 1").Rows
            .ToDictionary(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(iso.OrderBy(kv => kv.Key), byDay.OrderBy(kv => kv.Key));
    }

    [Theory]
    [InlineData("SELECT dayname(pickup_at) AS weekday FROM tripdata", "dayname")]
    [InlineData("SELECT count(*) FROM tripdata GROUP BY isodow(pickup_at)", "isodow")]
    [InlineData("SELECT pickup_at::date FROM tripdata", "x::type")]
    [InlineData("SELECT strftime(pickup_at, '%A') FROM tripdata", "strftime")]
    [InlineData("SELECT * FROM rides WHERE customer ILIKE 'a%'", "ILIKE")]
    [InlineData("SELECT payment_type, count(*) FROM tripdata GROUP BY ALL", "GROUP BY ALL")]
    [InlineData("SELECT * EXCLUDE (extra) FROM tripdata", "EXCLUDE")]
    [InlineData("FROM tripdata SELECT count(*)", "FROM-first")]
    public void Each_listed_construct_is_caught(string sql, string named) =>
        Assert.Contains(DuckDbOnlySyntax.Find(sql), why => why.Contains(named, StringComparison.Ordinal));

    [Theory]
    [InlineData("-- FROM-first and :: in a comment\nSELECT 'a::b ILIKE' AS x FROM tripdata")]
    [InlineData("SELECT CAST(pickup_at AS DATE), date_diff('day', DATE '1900-01-01', CAST(pickup_at AS DATE)) FROM tripdata")]
    public void Comments_strings_and_portable_sql_are_not_flagged(string sql) => Assert.Empty(DuckDbOnlySyntax.Find(sql));
}
