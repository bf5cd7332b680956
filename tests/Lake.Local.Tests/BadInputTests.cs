using System.IO.Compression;
using System.Text;
using SocarDataLake.Core;

namespace SocarDataLake.Local.Tests;

/// <summary>Each kind of bad input: a clear reason naming the file, line or column, and nothing lost.</summary>
public sealed class BadInputTests
{
    private const string Header = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge";
    private const string GoodRow = "1,2019-01-10 07:32:44,2019-01-10 07:50:50,1,2.6,1,N,238,141,1,13.0,0.0,0.5,2.75,0.0,0.3,16.55,";

    [Fact]
    public void A_quoted_header_name_keeps_its_doubled_quotes_as_one_quote()
    {
        var contract = SocarDataLake.Core.Contracts.ContractLoader.LoadFile(Repo.Path("datasets", "tripdata.json"));
        var file = Path.Combine(Directory.CreateTempSubdirectory("sniff-").FullName, "q.csv");
        File.WriteAllText(file, "VendorID,\"fare \"\"net\"\", USD\",tpep_pickup_datetime\n1,2,2019-01-10 07:32:44\n");

        var sniff = RawSniffer.Sniff(file, contract);

        Assert.Equal(["VendorID", "fare \"net\", USD", "tpep_pickup_datetime"], sniff.Header);
    }

    [Fact]
    public async Task An_unknown_dataset_is_refused_naming_the_known_ones()
    {
        using var lake = new TestLake();

        var error = await Assert.ThrowsAsync<LakeException>(() => lake.IngestAsync("weather", lake.WriteInput("w.csv", "a,b\n1,2\n")));

        Assert.Contains("unknown dataset 'weather'", error.Message, StringComparison.Ordinal);
        Assert.Contains("tripdata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_quarantined_whole()
    {
        using var lake = new TestLake();

        var run = await lake.IngestOneAsync("tripdata", "empty.csv", "");

        Assert.Equal([$"tripdata/ingest_date={TestLake.Today}/empty.csv"], run.ObjectsQuarantined);
        Assert.Contains("empty.csv: the file is empty", Assert.Single(lake.Quarantined("tripdata")).GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_only_file_is_processed_with_no_rows()
    {
        using var lake = new TestLake();

        var run = await lake.IngestOneAsync("tripdata", "header.csv", Header + "\n");

        Assert.Equal(0, run.RowsIn);
        Assert.Single(run.RawObjects);
        Assert.Empty(run.ObjectsQuarantined);
    }

    [Fact]
    public async Task A_semicolon_file_is_quarantined_with_the_delimiter_it_seems_to_use()
    {
        using var lake = new TestLake();

        var run = await lake.IngestOneAsync("tripdata", "semi.csv", Header.Replace(',', ';') + "\n" + GoodRow.Replace(',', ';') + "\n");

        Assert.Single(run.ObjectsQuarantined);
        var reason = Assert.Single(lake.Quarantined("tripdata")).GetProperty("reason").GetString();
        Assert.Contains("semi.csv: line 1 has a single column; it looks ';'-delimited", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unparsable_numbers_dates_and_booleans_quarantine_the_row_naming_column_and_value()
    {
        using var lake = new TestLake();
        var bad = "x,2019-13-45 07:32:44,2019-01-10 07:50:50,1,2.6,1,maybe,238,141,1,twelve,0.0,0.5,2.75,0.0,0.3,16.55,";

        var run = await lake.IngestOneAsync("tripdata", "bad.csv", $"{Header}\n{GoodRow}\n{bad}\n");

        Assert.Equal((2, 1, 1), (run.RowsIn, run.RowsOut, run.RowsQuarantined));
        var record = Assert.Single(lake.Quarantined("tripdata"));
        var reason = record.GetProperty("reason").GetString()!;
        Assert.Contains("vendor_id: 'x' is not a valid int", reason, StringComparison.Ordinal);
        Assert.Contains("pickup_at: '2019-13-45 07:32:44' is not a timestamp", reason, StringComparison.Ordinal);
        Assert.Contains("store_and_forward: 'maybe' is not a boolean (true: Y, false: N)", reason, StringComparison.Ordinal);
        Assert.Contains("fare_amount: 'twelve' is not a decimal(10,2)", reason, StringComparison.Ordinal);
        Assert.Equal(2, record.GetProperty("data_row").GetInt64());
        Assert.Equal("twelve", record.GetProperty("values").GetProperty("fare_amount").GetString());
    }

    [Fact]
    public async Task Extra_columns_are_ignored_and_a_missing_optional_column_is_null()
    {
        using var lake = new TestLake();
        var header = Header.Replace(",congestion_surcharge", ",airport_fee", StringComparison.Ordinal);

        var run = await lake.IngestOneAsync("tripdata", "extra.csv", $"{header}\n{GoodRow}1.25\n");

        Assert.Equal((1, 1), (run.RowsIn, run.RowsOut));
        Assert.Null(lake.Query("SELECT congestion_surcharge FROM tripdata").Rows[0][0]);
    }

    [Fact]
    public async Task A_line_with_too_many_fields_is_quarantined_with_its_line_number_and_text()
    {
        using var lake = new TestLake();

        var run = await lake.IngestOneAsync("tripdata", "ragged.csv", $"{Header}\n{GoodRow}\n{GoodRow},surprise,fields\n{GoodRow}\n");

        TestLake.AssertBalanced(run);
        Assert.Equal((3, 2, 1), (run.RowsIn, run.RowsOut, run.RowsQuarantined));
        var record = Assert.Single(lake.Quarantined("tripdata"));
        Assert.StartsWith("line 3:", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("surprise", record.GetProperty("raw_line").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_loses_nothing_the_bad_line_is_quarantined()
    {
        using var lake = new TestLake();
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n{GoodRow}\n").Concat(new byte[] { 0x32, 0xC3, 0x28, 0x2C }).Concat(Encoding.UTF8.GetBytes($"{GoodRow[2..]}\n{GoodRow}\n")).ToArray();

        var run = Assert.Single(await lake.IngestAsync("tripdata", lake.WriteInput("latin.csv", bytes)));

        TestLake.AssertBalanced(run);
        Assert.Equal((3L, 2L, 1L), (run.RowsIn, run.RowsOut, run.RowsQuarantined));
        Assert.Empty(run.ObjectsQuarantined);
        var reason = Assert.Single(lake.Quarantined("tripdata")).GetProperty("reason").GetString();
        Assert.StartsWith("line 3: INVALID ENCODING: Invalid unicode", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crlf_line_ends_and_quoted_newlines_are_read_as_rows()
    {
        using var lake = new TestLake();
        var quoted = GoodRow.Replace(",N,", ",\"N\",", StringComparison.Ordinal);
        // The quoted newline sits inside the last (decimal) field: one row, which then fails to type.
        var multiline = "2,2019-01-11 08:00:00,2019-01-11 08:10:00,1,1.0,1,\"N\",1,2,1,5.0,0.0,0.5,0.0,0.0,0.3,5.8,\"1.\n5\"";

        var run = await lake.IngestOneAsync("tripdata", "crlf.csv", $"{Header}\r\n{quoted}\r\n{multiline}\r\n");

        TestLake.AssertBalanced(run);
        Assert.Equal((2, 1, 1), (run.RowsIn, run.RowsOut, run.RowsQuarantined));
        var record = Assert.Single(lake.Quarantined("tripdata"));
        Assert.Equal("1.\n5", record.GetProperty("values").GetProperty("congestion_surcharge").GetString());
        Assert.Contains("congestion_surcharge: '1.\n5' is not a decimal(10,2)", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_compressed_csv_is_read_whatever_its_name()
    {
        using var lake = new TestLake();
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes($"{Header}\n{GoodRow}\n{GoodRow}\n"));

        var run = Assert.Single(await lake.IngestAsync("tripdata", lake.WriteInput("trips.csv.gz", buffer.ToArray())));

        Assert.Equal((2, 2), (run.RowsIn, run.RowsOut));
    }

    [Fact]
    public async Task A_file_that_is_not_csv_at_all_is_quarantined_whole()
    {
        using var lake = new TestLake();

        var run = Assert.Single(await lake.IngestAsync("tripdata", lake.WriteInput("photo.csv", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])));

        Assert.Single(run.ObjectsQuarantined);
        Assert.Contains("binary content", Assert.Single(lake.Quarantined("tripdata")).GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_object_ingested_twice_is_landed_and_processed_once()
    {
        using var lake = new TestLake();
        var file = lake.WriteInput("once.csv", $"{Header}\n{GoodRow}\n");
        await lake.IngestAsync("tripdata", file);

        var pipeline = lake.Pipeline();
        var second = await pipeline.IngestAsync([file], "tripdata", TestContext.Current.CancellationToken);
        await pipeline.DrainAsync(TestContext.Current.CancellationToken);

        Assert.True(Assert.Single(second).Skipped);
        Assert.Empty(pipeline.Runs);
        Assert.Equal(1L, lake.Query("SELECT count(*) FROM tripdata").Rows[0][0]);
    }

    [Fact]
    public async Task A_file_name_with_dot_dots_or_an_absolute_path_lands_inside_the_dataset_prefix()
    {
        using var lake = new TestLake();
        var file = lake.WriteInput("nested/trips.csv", $"{Header}\n{GoodRow}\n");
        var sneaky = Path.Combine(Path.GetDirectoryName(file)!, "..", "nested", "trips.csv");

        var landed = await lake.Pipeline().IngestAsync([sneaky], "tripdata", TestContext.Current.CancellationToken);

        Assert.Equal($"tripdata/ingest_date={TestLake.Today}/trips.csv", Assert.Single(landed).Key);
        Assert.Throws<LakeException>(() => lake.Root.FileOf(new SocarDataLake.Core.Zones.ObjectRef(SocarDataLake.Core.Zones.Zone.Raw, "../../etc/passwd")));
    }

    [Fact]
    public async Task A_missing_input_file_is_named()
    {
        using var lake = new TestLake();

        var error = await Assert.ThrowsAsync<LakeException>(() => lake.IngestAsync("tripdata", "/no/such/trips.csv"));

        Assert.Contains("/no/such/trips.csv: no such file", error.Message, StringComparison.Ordinal);
    }
}
