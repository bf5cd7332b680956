using SocarDataLake.Core;
using SocarDataLake.Core.Typing;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local.Tests;

public sealed class PipelineBehaviourTests
{
    private const string Header = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge";
    private const string Row = "1,2019-01-10 07:32:44,2019-01-10 07:50:50,1,2.6,1,N,238,141,1,13.0,0.0,0.5,2.75,0.0,0.3,16.55,";

    [Fact]
    public async Task A_run_killed_before_its_commit_leaves_nothing_visible_and_the_next_run_redoes_it()
    {
        using var lake = new TestLake();
        var run = await lake.IngestOneAsync("tripdata", "a.csv", $"{Header}\n{Row}\n{Row}\n");
        // Simulate the kill: the output files are in place but the commit record never got written.
        File.Delete(lake.Root.FileOf(new ObjectRef(Zone.Processed, SocarDataLake.Core.Triggers.RunSummary.Key("tripdata", run.RunId))));
        Assert.True(File.Exists(lake.Root.FileOf(new ObjectRef(Zone.Processed, run.OutputFiles[0]))));

        // Nothing committed: the dataset reads as empty (its view has the contract's columns and no rows).
        Assert.Equal(0L, lake.Query("SELECT count(*) FROM tripdata").Rows[0][0]);

        var engine = new EtlEngine(lake.Root, lake.Catalog, new DuckDbTypingPlanRenderer(), lake.Clock);
        var redo = engine.Run("tripdata", EtlEngine.NewRunId(lake.Clock), [], TestContext.Current.CancellationToken);
        Assert.Equal(2, redo.RowsOut);
        Assert.False(File.Exists(lake.Root.FileOf(new ObjectRef(Zone.Processed, run.OutputFiles[0]))), "the uncommitted run's file must be removed");
        Assert.Equal(2L, lake.Query("SELECT count(*) FROM tripdata").Rows[0][0]);
    }

    [Fact]
    public async Task A_bookmarked_object_is_never_processed_again()
    {
        using var lake = new TestLake();
        await lake.IngestOneAsync("tripdata", "a.csv", $"{Header}\n{Row}\n");

        var again = new EtlEngine(lake.Root, lake.Catalog, new DuckDbTypingPlanRenderer(), lake.Clock).Run("tripdata", EtlEngine.NewRunId(lake.Clock), [], TestContext.Current.CancellationToken);

        Assert.Equal(0, again.RowsIn);
        Assert.Empty(again.RawObjects);
        Assert.Equal(1L, lake.Query("SELECT count(*) FROM tripdata").Rows[0][0]);
    }

    [Fact]
    public async Task Query_is_read_only_and_limited_to_the_lakes_processed_files()
    {
        using var lake = new TestLake();
        await lake.IngestOneAsync("tripdata", "a.csv", $"{Header}\n{Row}\n{Row}\n{Row}\n");

        Assert.Contains("disabled by configuration", Assert.Throws<LakeException>(() => lake.Query("SELECT * FROM read_csv('/etc/passwd')")).Message, StringComparison.Ordinal);
        // Refused by DuckDB's parser before binding could touch the file system (ReadStatement).
        Assert.Contains("read-only: this is a statement of type COPY", Assert.Throws<LakeException>(() => lake.Query("COPY (SELECT 1) TO '/tmp/lake-escape.csv'")).Message, StringComparison.Ordinal);
        Assert.Throws<LakeException>(() => lake.Query("SET enable_external_access = true"));
        var limited = lake.Query("SELECT * FROM tripdata", limit: 2);
        Assert.Equal(2, limited.Rows.Count);
        Assert.True(limited.Truncated);
    }

    [Fact]
    public async Task Readers_are_not_locked_out_while_a_writer_holds_the_dataset()
    {
        using var lake = new TestLake();
        await lake.IngestOneAsync("tripdata", "a.csv", $"{Header}\n{Row}\n");

        using var writer = DatasetLock.TryTake(lake.Root, "tripdata", "job");

        Assert.NotNull(writer);
        Assert.Null(DatasetLock.TryTake(lake.Root, "tripdata", "job"));
        Assert.Equal(1L, lake.Query("SELECT count(*) FROM tripdata").Rows[0][0]);
    }

    [Fact]
    public async Task A_busy_crawl_delays_the_work_and_never_dead_letters_it()
    {
        using var lake = new TestLake();
        var busy = DatasetLock.TryTake(lake.Root, "tripdata", "crawl");
        var pipeline = lake.Pipeline();
        await pipeline.IngestAsync([lake.WriteInput("a.csv", $"{Header}\n{Row}\n")], "tripdata", TestContext.Current.CancellationToken);

        // The drain runs synchronously up to its first wait for the lock, so it has said it waits when it returns.
        var drain = pipeline.DrainAsync(TestContext.Current.CancellationToken);
        Assert.Contains("waiting for it to finish", lake.Console, StringComparison.Ordinal);
        busy!.Dispose();
        await drain;

        Assert.Single(pipeline.Runs);
        Assert.False(File.Exists(lake.Root.DeadLetters));
    }

    [Fact]
    public async Task Each_run_notifies_with_rows_in_out_and_quarantined()
    {
        using var lake = new TestLake();

        await lake.IngestOneAsync("tripdata", "a.csv", $"{Header}\n{Row}\nx{Row}\n");

        var line = Assert.Single(File.ReadAllLines(lake.Root.Notifications));
        Assert.Contains("[lake] ok tripdata: run SUCCEEDED, 1 rows out, 1 quarantined", line, StringComparison.Ordinal);
        Assert.Contains("Rows in:      2", line.Replace("\\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ride_events_from_json_lines_are_typed_and_bad_ratings_quarantined()
    {
        using var lake = new TestLake();
        var events = """
            {"vehiclenumber":"KA01AB1234","vehicle_returned":1764036000,"kms_driven":42.5,"rating":"Good","customer":"c-1","vehicle_type":"SUV"}
            {"vehiclenumber":"KA01AB9999","vehicle_returned":1764039600,"kms_driven":7,"rating":"Superb","customer":"c-2","vehicle_type":"Hatchback"}
            {"vehiclenumber":null,"vehicle_returned":1764039600,"kms_driven":1,"rating":"Bad","customer":"c-3","vehicle_type":"Sedan"}
            """;

        var run = await lake.IngestOneAsync("rides", "rides.jsonl", events);

        Assert.Equal((3, 1, 2), (run.RowsIn, run.RowsOut, run.RowsQuarantined));
        var row = lake.Query("SELECT vehicle_number, returned_at, kms_driven, returned_date FROM rides").Rows.Single();
        Assert.Equal("KA01AB1234", row[0]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764036000).UtcDateTime, row[1]);
        Assert.Equal(42.5, row[2]);
        Assert.Equal(new DateOnly(2025, 11, 25), row[3] is DateOnly date ? date : DateOnly.FromDateTime((DateTime)row[3]!));
        var reasons = lake.Quarantined("rides").Select(r => r.GetProperty("reason").GetString()).ToList();
        Assert.Contains(reasons, r => r!.Contains("rating: 'Superb' is not one of Good, Bad, Average", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r!.Contains("vehicle_number: required value is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_json_field_that_is_text_in_one_line_and_a_number_in_another_is_read_as_its_text()
    {
        using var lake = new TestLake();
        var events = """
            {"vehiclenumber":"KA01","vehicle_returned":1764036000,"kms_driven":"12.5","rating":"Good"}
            {"vehiclenumber":7,"vehicle_returned":"1764039600","kms_driven":3,"rating":"Bad"}
            """;

        var run = await lake.IngestOneAsync("rides", "mixed.jsonl", events);

        Assert.Equal((2, 2, 0), (run.RowsIn, run.RowsOut, run.RowsQuarantined));
        var rows = lake.Query("SELECT vehicle_number, kms_driven FROM rides ORDER BY kms_driven").Rows;
        Assert.Equal(["7", "KA01"], rows.Select(r => (string)r[0]!));
        Assert.Equal([3.0, 12.5], rows.Select(r => (double)r[1]!));
    }

    [Fact]
    public async Task A_malformed_json_line_is_one_bad_row_with_its_line_number_not_the_whole_object()
    {
        using var lake = new TestLake();

        var run = await lake.IngestOneAsync("rides", "broken.jsonl", "{\"vehiclenumber\":\"A\",\"vehicle_returned\":1}\n{not json\n");

        Assert.Empty(run.ObjectsQuarantined);
        Assert.Equal((2, 1, 1), (run.RowsIn, run.RowsOut, run.RowsQuarantined));
        var record = Assert.Single(lake.Quarantined("rides"));
        Assert.StartsWith("line 2: malformed JSON at byte 2:", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("{not json", record.GetProperty("raw_line").GetString());
    }
}
