using System.Text;

namespace SocarDataLake.Local.Tests.Reading;

/// <summary>
/// A stray quote must not make lines vanish into one value, whatever the lines it would swallow look like: short
/// lines, lines with one comma, an empty line, a file that ends inside the quote. Every physical line is the
/// header, a blank line, a row out, or a quarantined row naming that line with its text.
/// </summary>
public sealed class SwallowedLineTests
{
    private const string Header = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge";
    private const string Trip = "1,2019-01-10 07:32:44,2019-01-10 07:50:50,1,2.6,1,N,238,141,1,13.0,0.0,0.5,2.75,0.0,0.3,16.55,";

    // Line 5: a quote opens store_and_fwd_flag and nothing on the line closes it.
    private static readonly string Stray = Trip.Replace(",N,", ",\"N,", StringComparison.Ordinal);

    // A good row quoting a value properly: its first quote is the one that closes the stray quote's value.
    private static readonly string Quoted = Trip.Replace(",N,", ",\"N\",", StringComparison.Ordinal);

    public static TheoryData<string, string[], bool> Shapes => new()
    {
        { "short lines", ["abc", "de"], true },
        { "one comma each", ["a,b", "c,d", "e,f"], true },
        { "an empty line", ["abc", "", "de"], true },
        { "only empty lines", ["", ""], true },
        { "the file ends inside the quote", ["abc", "de"], false },
        { "the quote closes at the end of the file", ["abc", "de\""], false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_line_a_stray_quote_would_swallow_is_a_row_a_blank_line_or_quarantined_with_its_line(string shape, string[] swallowed, bool closedByALaterRow)
    {
        using var lake = await ReadingLake.CreateAsync();
        List<string> lines = [Header, Trip, Trip, Trip, Stray, .. swallowed];
        if (closedByALaterRow) lines.AddRange([Quoted, Trip, Trip]);
        var text = string.Join("\n", lines) + (shape.StartsWith("the quote closes", StringComparison.Ordinal) ? "" : "\n");

        var counts = await lake.IngestAsync("tripdata", lake.Write("stray.csv", Encoding.UTF8.GetBytes(text)));

        var blank = swallowed.Count(l => l.Length == 0);
        Assert.True(counts.Balanced, $"{shape}: {counts}");
        Assert.Equal(lines.Count, counts.Lines);
        Assert.Equal(0, counts.LinesInValues);
        Assert.Equal(blank, counts.BlankLines);
        Assert.Equal(closedByALaterRow ? 6 : 3, counts.Out);
        var quarantined = lake.Quarantined("tripdata").ToDictionary(r => r.GetProperty("line").GetInt64(), r => r.GetProperty("raw_line").GetString());
        var expected = Enumerable.Range(5, 1 + swallowed.Length).Where(n => lines[n - 1].Length > 0).ToDictionary(n => (long)n, n => (string?)lines[n - 1]);
        Assert.Equal(expected.OrderBy(e => e.Key), quarantined.OrderBy(e => e.Key));
        Assert.StartsWith("line 5: ", lake.Quarantined("tripdata").Single(r => r.GetProperty("line").GetInt64() == 5).GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
