using System.Text;

namespace SocarDataLake.Local.Tests.Reading;

/// <summary>
/// Line ends as files really have them (CRLF, LF, both mixed, a CR alone from old Macs) and blank lines: every
/// physical line is a row, a quarantined row or a counted blank line, through the real `lake` command.
/// </summary>
public sealed class LineEndingTests
{
    private const string Header = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge";

    private static string Row(int i) => $"1,2019-01-10 07:32:44,2019-01-10 07:50:50,1,{i % 90}.5,1,N,238,141,1,13.0,0.0,0.5,2.75,0.0,0.3,16.55,";

    private static string Ride(int i) => $"{{\"vehiclenumber\":\"KL62ST{i:D4}\",\"vehicle_returned\":1700000000,\"kms_driven\":12,\"rating\":\"Good\",\"customer\":\"c{i}\",\"vehicle_type\":\"car\"}}";

    private static byte[] Lines(string first, IEnumerable<string> lines, Func<int, string> end, string firstEnd) =>
        Encoding.UTF8.GetBytes(first + firstEnd + string.Concat(lines.Select((l, i) => l + end(i))));

    [Theory]
    [InlineData("crlf-header-lf-rows")]
    [InlineData("lf-header-crlf-rows")]
    [InlineData("mixed")]
    [InlineData("cr-only")]
    public async Task A_csv_with_any_line_ends_is_read_row_by_row(string kind)
    {
        using var lake = await ReadingLake.CreateAsync();
        const int rows = 3_000;
        var body = Enumerable.Range(0, rows).Select(Row);
        var file = kind switch
        {
            "crlf-header-lf-rows" => Lines(Header, body, _ => "\n", "\r\n"),
            "lf-header-crlf-rows" => Lines(Header, body, _ => "\r\n", "\n"),
            "mixed" => Lines(Header, body, i => (i % 3) switch { 0 => "\r\n", 1 => "\n", _ => "\r" }, "\r\n"),
            _ => Lines(Header, body, _ => "\r", "\r"),
        };

        var counts = await lake.IngestAsync("tripdata", lake.Write($"{kind}.csv", file));

        Assert.Equal(new IngestCounts(rows, rows, 0, 0), counts);
        Assert.Equal(rows, (await lake.QueryJsonAsync("SELECT count(*) AS n FROM tripdata"))[0].GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task A_cr_only_csv_names_the_line_of_a_bad_row_as_its_physical_line()
    {
        using var lake = await ReadingLake.CreateAsync();
        var body = Enumerable.Range(0, 50).Select(Row).ToArray();
        body[20] = body[20].Replace(",N,", ",\"N,", StringComparison.Ordinal); // physical line 22 opens a quote that never closes

        var counts = await lake.IngestAsync("tripdata", lake.Write("cr-stray-quote.csv", Lines(Header, body, _ => "\r", "\r")));

        Assert.Equal(new IngestCounts(50, 49, 1, 0), counts);
        Assert.Equal(22, Assert.Single(lake.Quarantined("tripdata")).GetProperty("line").GetInt64());
    }

    [Fact]
    public async Task A_json_lines_file_with_cr_only_line_ends_is_one_row_per_line()
    {
        using var lake = await ReadingLake.CreateAsync();
        var file = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i => Ride(i) + "\r")));

        var counts = await lake.IngestAsync("rides", lake.Write("old-mac.jsonl", file));

        Assert.Equal(new IngestCounts(40, 40, 0, 0), counts);
        Assert.Equal(40, (await lake.QueryJsonAsync("SELECT count(DISTINCT customer) AS n FROM rides"))[0].GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task Blank_lines_of_a_csv_are_counted_in_the_run_and_in_lake_runs()
    {
        using var lake = await ReadingLake.CreateAsync();
        // Header, row, blank, row, blank (CRLF), blank (CR), row, blank at the end: 3 rows and 4 blank lines.
        var text = $"{Header}\n{Row(1)}\n\n{Row(2)}\n\r\n\r{Row(3)}\n\n";

        var counts = await lake.IngestAsync("tripdata", lake.Write("blanks.csv", Encoding.UTF8.GetBytes(text)));
        var runs = await lake.RunAsync("runs", "tripdata", "--root", lake.RootPath);

        Assert.Equal(new IngestCounts(3, 3, 0, 0, BlankLines: 4), counts);
        Assert.Contains("blank lines", runs.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ 3 +│ 3 +│ 0 +│ 4 +│", runs.Output);
    }

    [Fact]
    public async Task Blank_lines_of_a_json_lines_file_are_counted_in_the_run()
    {
        using var lake = await ReadingLake.CreateAsync();
        var text = $"{Ride(1)}\n\n{Ride(2)}\n  \t\n{Ride(3)}\n";

        var counts = await lake.IngestAsync("rides", lake.Write("blanks.jsonl", Encoding.UTF8.GetBytes(text)));

        Assert.Equal(new IngestCounts(3, 3, 0, 0, BlankLines: 2), counts);
    }
}
