namespace SocarDataLake.Producers.Tests.Athena;

/// <summary>`lake query --aws` sends Athena one read-only query, and refuses anything else before sending a byte.</summary>
public sealed class AthenaReadOnlyCliTests
{
    private static Dictionary<string, string> Env(FakeAthena athena) => athena.CliEnvironment();

    private static AthenaPlan One => new([("x", "integer")], [["1"]]);

    [Theory]
    [InlineData("drop table tripdata", "read-only: this is a statement of type DROP;")]
    [InlineData("select 1; drop table tripdata", "the query holds 2 statements;")]
    [InlineData("select 1;\n-- the end\n;select 2;", "the query holds 2 statements;")]
    [InlineData("insert into t select 1", "read-only: this is a statement of type INSERT;")]
    [InlineData("CREATE TABLE x WITH (format = 'PARQUET') AS SELECT 1", "read-only: this is a statement of type CREATE;")]
    [InlineData("unload (select 1) to 's3://x/' with (format = 'TEXTFILE')", "read-only: this is a statement of type UNLOAD;")]
    [InlineData("MSCK REPAIR TABLE tripdata", "read-only: this is a statement of type MSCK;")]
    [InlineData("explain analyze select 1", "read-only: this is a statement of type EXPLAIN ANALYZE")]
    [InlineData("/* select */ -- select\n DELETE FROM tripdata", "read-only: this is a statement of type DELETE;")]
    [InlineData("merge into t using s on t.a = s.a when matched then delete", "read-only: this is a statement of type MERGE;")]
    [InlineData("select 'it''s'; 'drop", "the string opened at character 17 (') never closes.")]
    [InlineData("-- nothing but a comment\n;", "the query is empty")]
    public async Task Anything_but_one_read_only_query_is_refused_with_exit_2_before_anything_is_sent(string sql, string expected)
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => One);

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", sql);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(athena.Calls);
    }

    [Theory]
    [InlineData("SELECT ';' AS semi, \"drop;table\" FROM tripdata -- ; drop table tripdata\n;")]
    [InlineData("with t as (select 1 as x) select * from t")]
    [InlineData("WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT sum(n) FROM t")]
    [InlineData("((SELECT 1) UNION ALL (SELECT 2))")]
    [InlineData("VALUES 1, 2, 3")]
    [InlineData("/* a note; with a semicolon */ select 'it''s; fine' as x;  ")]
    [InlineData("select*from tripdata")]
    public async Task A_read_only_query_in_trinos_sql_is_sent_to_athena_as_written(string sql)
    {
        using var lake = new ScratchLake();
        using var athena = new FakeAthena(_ => One);

        var run = await Cli.RunAsync(lake.Folder, Env(athena), "query", "--aws", sql, "--format", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(sql, Assert.Single(athena.Queries).Sql);
    }
}
