using System.Text;
using System.Text.Json;

namespace SocarDataLake.Local.Tests.Reading;

/// <summary>
/// Every quarantined row names the physical line of the file it starts on (1-based, the header and blank lines
/// counted), so a user can open the file at that line: rows that fail typing as well as lines the reader rejects,
/// after blank lines and after rows whose quoted values span several lines.
/// </summary>
public sealed class QuarantineLineTests
{
    private const string Header = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge,note";
    // Every column but the last, note, which is free text.
    private const string Trip = "1,2019-01-10 07:32:44,2019-01-10 07:50:50,1,2.6,1,N,238,141,1,13.0,0.0,0.5,2.75,0.0,0.3,16.55,,";

    private static Dictionary<long, JsonElement> ByLine(IEnumerable<JsonElement> records) =>
        records.ToDictionary(r => r.GetProperty("line").GetInt64());

    [Fact]
    public async Task A_csv_row_that_fails_typing_names_its_physical_line_after_blank_lines_and_multi_line_values()
    {
        using var lake = await ReadingLake.CreateAsync();
        var twelve = Trip.Replace(",13.0,", ",twelve,", StringComparison.Ordinal) + "bad";
        var nowhere = Trip.Replace(",238,", ",nowhere,", StringComparison.Ordinal) + "bad";
        string[] lines =
        [
            Header,                                 // 1
            Trip + "ok",                            // 2  data row 1
            Trip + "\"first",                       // 3  data row 2, its note runs to line 5
            "second, with, commas",                 // 4
            "third\"",                              // 5
            "",                                     // 6
            "1,2",                                  // 7  rejected: 2 of 19 fields
            "",                                     // 8
            twelve,                                 // 9  data row 3
            Trip + "\"a note",                      // 10 data row 4, over two lines
            "on two lines\"",                       // 11
            nowhere,                                // 12 data row 5
        ];

        var counts = await lake.IngestAsync("tripdata", lake.Write("lines.csv", Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")));

        // The header, 6 rows, 2 blank lines and the 3 lines inside quoted values are the file's 12 lines.
        Assert.Equal(new IngestCounts(6, 3, 3, 0, BlankLines: 2, LinesInValues: 3), counts);
        Assert.Equal(lines.Length, counts.Lines);
        var records = ByLine(lake.Quarantined("tripdata"));
        Assert.Equal([7L, 9L, 12L], records.Keys.Order());
        Assert.Equal("fare_amount: 'twelve' is not a decimal(10,2) (not a number, too many digits, or more than 2 decimal places)", records[9].GetProperty("reason").GetString());
        Assert.Equal(3, records[9].GetProperty("data_row").GetInt64());
        Assert.Equal("pickup_location_id: 'nowhere' is not a valid int", records[12].GetProperty("reason").GetString());
        Assert.Equal(5, records[12].GetProperty("data_row").GetInt64());
        Assert.StartsWith("line 7: MISSING COLUMNS", records[7].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("1,2", records[7].GetProperty("raw_line").GetString());

        var shown = await lake.RunAsync("quarantine", "tripdata", "--root", lake.RootPath);
        Assert.Contains("lines.csv (line 9, data row 3):", shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_quoted_the_other_ways_duckdb_reads_span_their_lines_and_later_rows_keep_their_line()
    {
        // DuckDB opens a quoted value after one space (`, "two`), and reads a quote after a closed value and spaces
        // (`"a" "`) as more of the value: the audit must read both alike, or every later line would be named wrong.
        using var lake = await ReadingLake.CreateAsync();
        var twelve = Trip.Replace(",13.0,", ",twelve,", StringComparison.Ordinal) + "bad";
        string[] lines = [Header, Trip + " \"two", "lines\"", Trip + "\"a\" \"", "b\"", twelve];

        var counts = await lake.IngestAsync("tripdata", lake.Write("quoting.csv", Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")));

        Assert.Equal(new IngestCounts(3, 2, 1, 0, LinesInValues: 2), counts);
        var record = Assert.Single(lake.Quarantined("tripdata"));
        Assert.Equal(6, record.GetProperty("line").GetInt64());
        Assert.Equal(3, record.GetProperty("data_row").GetInt64());
    }

    [Fact]
    public async Task A_json_line_that_fails_typing_names_its_physical_line_with_blank_lines_counted()
    {
        using var lake = await ReadingLake.CreateAsync();
        static string Ride(int i, string kms = "12.5") =>
            $"{{\"vehiclenumber\": \"KL62ST{i:D4}\", \"vehicle_returned\": {1735689600 + i}, \"kms_driven\": {kms}, \"rating\": \"Good\", \"customer\": \"c{i}\", \"vehicle_type\": \"car\"}}";
        string[] lines = [Ride(1), "", "", Ride(4, "\"lots\""), " \t", Ride(6), "", Ride(8, "\"far\"")];

        var counts = await lake.IngestAsync("rides", lake.Write("lines.jsonl", Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")));

        Assert.Equal(new IngestCounts(4, 2, 2, 0, BlankLines: 4), counts);
        var records = ByLine(lake.Quarantined("rides"));
        Assert.Equal([4L, 8L], records.Keys.Order());
        Assert.Equal("kms_driven: 'lots' is not a valid double", records[4].GetProperty("reason").GetString());
        Assert.Equal("kms_driven: 'far' is not a valid double", records[8].GetProperty("reason").GetString());
    }
}
