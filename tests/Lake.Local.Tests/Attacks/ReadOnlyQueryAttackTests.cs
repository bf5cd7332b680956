using System.Security.Cryptography;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local.Tests.Attacks;

/// <summary>`lake query` attacked with statements that write, several statements, runaway queries and stray files.</summary>
public sealed class ReadOnlyQueryAttackTests
{
    [Fact]
    public async Task No_query_can_write_a_file_anywhere_and_the_data_stays_as_committed()
    {
        using var lake = new CliLake();
        Assert.Equal(0, (await lake.RunAsync("ingest", lake.WriteTrips("t.csv", 50), "--dataset", "tripdata")).ExitCode);
        var part = Assert.Single(lake.Catalog.VisibleFiles("tripdata"));
        var partHash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(part)));
        var processed = lake.Root.ZonePath(Zone.Processed);
        var outside = Path.Combine(lake.Folder, "outside");
        string[] attacks =
        [
            $"COPY (SELECT * FROM tripdata LIMIT 0) TO '{part}' (FORMAT PARQUET)",
            $"COPY (SELECT 'x' AS a) TO '{Path.Combine(processed, "_runs", "tripdata", "forged.json")}' (FORMAT CSV)",
            $"ATTACH '{Path.Combine(processed, "attached.db")}' AS other",
            $"EXPORT DATABASE '{Path.Combine(processed, "exported")}'",
            $"SELECT 1; COPY (SELECT 1) TO '{Path.Combine(processed, "second.csv")}'",
            $"CREATE TABLE t AS SELECT 1",
            $"COPY (SELECT 1) TO '{outside}'",
        ];

        foreach (var sql in attacks)
        {
            var run = await lake.RunAsync("query", sql);

            Assert.True(run.ExitCode == 2, $"{sql}\nexit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.Contains("lake: ", run.Error, StringComparison.Ordinal);
        }
        Assert.Equal(partHash, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(part))));
        Assert.Equal(50, lake.Count("tripdata"));
        Assert.False(File.Exists(outside));
        Assert.Equal([part], Directory.EnumerateFiles(processed, "*", SearchOption.AllDirectories).Where(f => !f.Contains("_runs", StringComparison.Ordinal)).ToList());
        Assert.Single(Directory.EnumerateFiles(Path.Combine(processed, "_runs", "tripdata")));
    }

    // Found by a hostile review: a refused EXPORT DATABASE still created its directory, since preparing a statement to
    // learn its type binds it. Nothing a refused statement names may appear: no file, no directory, anywhere.
    [Fact]
    public async Task A_refused_statement_of_any_type_has_no_effect_on_the_file_system()
    {
        using var lake = new CliLake();
        Assert.Equal(0, (await lake.RunAsync("ingest", lake.WriteTrips("t.csv", 5), "--dataset", "tripdata")).ExitCode);
        var target = Path.Combine(lake.Folder, "target");
        Directory.CreateDirectory(target);
        string[] statements =
        [
            $"EXPORT DATABASE '{Path.Combine(target, "exported")}'",
            $"EXPORT DATABASE '{Path.Combine(lake.Root.ZonePath(Zone.Processed), "exported")}'",
            $"COPY (SELECT 1) TO '{Path.Combine(target, "copy.csv")}'",
            $"COPY tripdata TO '{Path.Combine(target, "parts")}' (FORMAT PARQUET, PARTITION_BY (VendorID))",
            $"ATTACH '{Path.Combine(target, "attached.db")}' AS other",
            $"INSTALL '{Path.Combine(target, "x.duckdb_extension")}'",
            $"LOAD '{Path.Combine(target, "x.duckdb_extension")}'",
            $"SET temp_directory = '{Path.Combine(target, "spill")}'",
            "PRAGMA database_size",
            "CALL pragma_version()",
            "CHECKPOINT",
        ];

        foreach (var sql in statements)
        {
            var run = await lake.RunAsync("query", sql);

            Assert.True(run.ExitCode == 2, $"{sql}\nexit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.Contains("lake query is read-only", run.Error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(target));
            Assert.False(Directory.Exists(Path.Combine(lake.Root.ZonePath(Zone.Processed), "exported")), sql);
        }
    }

    [Fact]
    public async Task A_write_statement_is_refused_naming_its_type_and_reads_of_every_shape_still_run()
    {
        using var lake = new CliLake();
        Assert.Equal(0, (await lake.RunAsync("ingest", lake.WriteTrips("t.csv", 5), "--dataset", "tripdata")).ExitCode);

        var copy = await lake.RunAsync("query", $"COPY tripdata TO '{Path.Combine(lake.Root.ZonePath(Zone.Processed), "x.csv")}'");
        var two = await lake.RunAsync("query", "SELECT 1; SELECT 2");
        var attach = await lake.RunAsync("query", $"ATTACH '{Path.Combine(lake.Root.ZonePath(Zone.Processed), "x.db")}'");
        var set = await lake.RunAsync("query", "SET threads = 1");

        Assert.Equal(2, copy.ExitCode);
        Assert.Contains("read-only: this is a statement of type COPY", copy.Error, StringComparison.Ordinal);
        // DuckDB.NET's enum names these LOGICALPLAN and CALL: the message names duckdb.h's types.
        Assert.Contains("read-only: this is a statement of type ATTACH", attach.Error, StringComparison.Ordinal);
        Assert.Contains("read-only: this is a statement of type SET", set.Error, StringComparison.Ordinal);
        Assert.Equal(2, two.ExitCode);
        Assert.Contains("holds 2 statements", two.Error, StringComparison.Ordinal);
        foreach (var sql in new[] { "SELECT count(*) FROM tripdata", "FROM tripdata SELECT count(*)", "WITH t AS (SELECT count(*) AS n FROM tripdata) SELECT n FROM t", "VALUES (1)", "DESCRIBE tripdata", "SELECT 1;" })
        {
            var read = await lake.RunAsync("query", sql);
            Assert.True(read.ExitCode == 0, $"{sql}: exit {read.ExitCode}\n{read.Error}");
        }
    }

    // Found by a hostile review: a large SELECT spilled to ./.tmp of the caller's folder, up to 90% of the disk, and a
    // kill -9 left the files there. Spills go to the lake's staging, bounded, and a dead query's folder is removed.
    [Fact]
    public async Task A_query_spills_only_inside_the_lake_bounded_and_a_dead_querys_spill_is_removed()
    {
        using var lake = new CliLake();
        var leftover = Path.Combine(lake.Root.Staging, "query-spill", "999999");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "duckdb_temp_storage_0.tmp"), "spill of a query killed with -9");

        var run = await lake.RunAsync("query", "SELECT current_setting('temp_directory') AS dir, current_setting('max_temp_directory_size') AS size", "--format", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(Path.Combine(lake.Root.Staging, "query-spill") + Path.DirectorySeparatorChar, run.Output, StringComparison.Ordinal);
        Assert.Contains("GiB", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(leftover));
        Assert.False(Directory.Exists(Path.Combine(lake.Folder, ".tmp")));
    }

    [Fact]
    public async Task A_foreign_file_among_the_run_records_is_ignored_and_named_not_fatal()
    {
        using var lake = new CliLake();
        Assert.Equal(0, (await lake.RunAsync("ingest", lake.WriteTrips("t.csv", 20), "--dataset", "tripdata")).ExitCode);
        File.WriteAllText(Path.Combine(lake.Root.ZonePath(Zone.Processed), "_runs", "tripdata", "x.json"), "a,b\n1,2\n");

        var status = await lake.RunAsync("status");
        var runs = await lake.RunAsync("runs", "tripdata");
        var query = await lake.RunAsync("query", "SELECT count(*) AS n FROM tripdata", "--format", "csv");
        var ingest = await lake.RunAsync("ingest", lake.WriteTrips("u.csv", 10, variant: 1), "--dataset", "tripdata");

        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains("ignored processed/_runs/tripdata/x.json", status.Output, StringComparison.Ordinal);
        Assert.True(runs.ExitCode == 0, runs.Error);
        Assert.True(query.ExitCode == 0, query.Error);
        Assert.Contains("20", query.Output, StringComparison.Ordinal);
        Assert.True(ingest.ExitCode == 0, ingest.Error);
        Assert.Equal(30, lake.Count("tripdata"));
    }

    [Fact]
    public async Task A_runaway_query_stops_at_the_time_limit_and_says_which_limit()
    {
        using var lake = new CliLake();

        var run = await lake.RunAsync("query", "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t", "--timeout", "2s");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("time limit", run.Error, StringComparison.Ordinal);
        Assert.Contains("--timeout 2s", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-- only a comment")]
    public async Task An_empty_query_is_a_usage_error_with_a_clear_message(string sql)
    {
        using var lake = new CliLake();

        var run = await lake.RunAsync("query", sql);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches("the query (is empty|holds no SQL statement)", run.Error);
    }

    [Fact]
    public async Task A_pivot_duckdb_splits_into_statements_is_refused_naming_pivot_and_what_works()
    {
        using var lake = new CliLake();

        var run = await lake.RunAsync("query", "PIVOT (SELECT 1 a, 'x' b) ON b USING sum(a)");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("PIVOT without an IN list is not supported", run.Error, StringComparison.Ordinal);
        Assert.Contains("UNPIVOT or GROUP BY", run.Error, StringComparison.Ordinal);
        var listed = await lake.RunAsync("query", "PIVOT (SELECT 1 a, 'x' b) ON b IN ('x') USING sum(a)", "--format", "csv");
        Assert.True(listed.ExitCode == 0, listed.Error);
    }

    [Fact]
    public async Task A_dataset_whose_runs_committed_no_rows_is_queried_as_empty()
    {
        using var lake = new CliLake();
        var ingest = await lake.RunAsync("ingest", lake.WriteFile("all-bad.csv", CliLake.Header + "\nx,2019-01-10 07:32:44,2019-01-10 07:50:50,1,1.0,1,N,238,141,1,13.0,0.0,0.5,2.75,0.0,0.3,16.55,\n"), "--dataset", "tripdata");
        Assert.True(ingest.ExitCode == 0, ingest.Output + ingest.Error);
        Assert.Contains("0 out + 1 quarantined", ingest.Output, StringComparison.Ordinal);

        var run = await lake.RunAsync("query", "SELECT count(*) AS n, sum(fare_amount) AS fares FROM tripdata", "--format", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["n,fares", "0,"], run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
