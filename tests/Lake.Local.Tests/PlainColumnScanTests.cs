using System.Text;

namespace SocarDataLake.Local.Tests;

/// <summary>
/// The scan that decides which columns DuckDB's reader may type reads a large file in parts, one per core. A part
/// boundary must never hide a line: a text the reader would read differently from the plan (an integer '1.5', a
/// decimal with a digit beyond its scale) sends the object to the plan's own path wherever it sits.
/// </summary>
public sealed class PlainColumnScanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("plain-scan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly (int Index, PlainKind Kind, int Scale)[] Columns = [(0, PlainKind.Integer, 0), (1, PlainKind.Decimal, 2), (2, PlainKind.Double, 0)];

    [Theory]
    [InlineData("\n", 2)]
    [InlineData("\n", 3)]
    [InlineData("\r\n", 2)]
    [InlineData("\r\n", 5)]
    [InlineData("\r", 3)]
    public void A_text_the_reader_would_round_is_found_on_the_lines_either_side_of_every_part_boundary(string lineEnd, int parts)
    {
        var (path, starts) = WriteRows(lineEnd);
        var boundaries = Boundaries(path, parts);
        Assert.Equal(parts - 1, boundaries.Count);
        Assert.Equal(Columns.Select(c => c.Index).ToHashSet(), PlainColumnScan.Plain(path, (byte)',', Columns, parts));
        foreach (var boundary in boundaries)
        {
            var line = Array.BinarySearch(starts, boundary);
            Assert.True(line > 1, $"part boundary {boundary} is not at the start of a data line");
            // The last line of the part before, then the first line of the part after.
            foreach (var target in new[] { line - 1, line })
            {
                var (bad, _) = WriteRows(lineEnd, new() { [target] = "7,1.005,2.5" });
                Assert.Empty(PlainColumnScan.Plain(bad, (byte)',', Columns, parts));
                var (badInt, _) = WriteRows(lineEnd, new() { [target] = "1.5,1.00,2.5" });
                Assert.Empty(PlainColumnScan.Plain(badInt, (byte)',', Columns, parts));
            }
        }
    }

    [Fact]
    public void A_double_that_is_not_plain_leaves_the_other_columns_to_the_reader_and_the_scan_reads_on()
    {
        var (path, _) = WriteRows("\n", new() { [10] = "7,1.00,1e300" });
        Assert.Equal(new HashSet<int> { 0, 1 }, PlainColumnScan.Plain(path, (byte)',', Columns, parts: 2));
        // An integer fault in the same part, after the double's, is still found.
        var (both, _) = WriteRows("\n", new() { [10] = "7,1.00,1e300", [20] = "1.5,1.00,2.5" });
        Assert.Empty(PlainColumnScan.Plain(both, (byte)',', Columns, parts: 2));
    }

    [Fact]
    public void An_integer_that_is_not_plain_settles_the_scan_no_column_goes_to_the_reader()
    {
        var (path, _) = WriteRows("\n", new() { [2] = "x,1.00,2.5" });
        Assert.Empty(PlainColumnScan.Plain(path, (byte)',', Columns, parts: 2));
    }

    [Fact]
    public void A_quote_in_any_part_sends_the_whole_file_to_the_plan()
    {
        var (path, starts) = WriteRows("\n", new() { [300_000] = "7,\"1.00\",2.5" });
        Assert.True(starts.Length > 300_000);
        Assert.Empty(PlainColumnScan.Plain(path, (byte)',', Columns, parts: 3));
    }

    [Fact]
    public void A_small_file_is_one_part_and_a_file_with_no_line_end_past_the_middle_stays_whole()
    {
        var small = Path.Combine(_dir, "small.csv");
        File.WriteAllText(small, "a,b,c\n1,2.00,3\n");
        Assert.Single(Boundaries(small, 2).Append(-1));
        var oneLine = Path.Combine(_dir, "one-line.csv");
        File.WriteAllText(oneLine, "a,b,c\n" + new string('1', (int)PlainColumnScan.ChunkedFrom));
        Assert.Empty(Boundaries(oneLine, 2));
    }

    // Plain and not plain forms of every kind, and each kind's forms in the others' columns.
    private static readonly string[] Texts =
    [
        "", " ", "0", "7", "42", "007", "-3", "+5", " 12 ", "1.5", "1.25", "1.250", "1.2500", "1.235", "1.", ".5", "5.", "-0.75",
        "1e3", "1E-2", "9.99e99", "1e300", "1e", "1.5e3", "1_000", "NaN", "x", "1,5", "0x1F", new string('9', 40), new string('9', 41), "1." + new string('0', 39),
        "2019-01-05 13:45:00", "2019-01-05 13:45", "2019-02-29 00:00:00", "2020-02-29 00:00:00", "2019-04-31 08:00:00", "2019-13-01 00:00:00",
        "2019-1-5 13:45:00", "0000-01-01 00:00:00", " 2019-01-05 13:45:00", "2019-01-05 13:45:00 ", "2019-01-05T13:45:00", "2019-01-05 24:00:00",
        "2019-01-05 13:45:00.5", "2019-01-05 13:45:0", "20190105 134500",
    ];

    [Fact]
    public void The_one_pass_check_judges_every_field_as_the_plain_rule_does_on_lines_of_any_width()
    {
        var random = new Random(2019);
        for (var n = 0; n < 50_000; n++)
        {
            var columns = random.Next(1, 7);
            var kinds = Enumerable.Range(0, columns).Select(_ => random.Next(5) == 0 ? (PlainKind?)null : (PlainKind)random.Next(4)).ToArray();
            var scales = Enumerable.Range(0, columns).Select(_ => random.Next(0, 4)).ToArray();
            // Lines with fewer fields than checked columns, as many, and more.
            var fields = Enumerable.Range(0, Math.Max(1, columns + random.Next(-2, 3))).Select(_ => Texts[random.Next(Texts.Length)]).ToArray();
            var line = string.Join(";", fields);

            var expectedStop = false;
            var expectedRefused = new bool[columns];
            for (var i = 0; i < Math.Min(columns, fields.Length) && !expectedStop; i++)
            {
                if (kinds[i] is not { } kind || PlainColumnScan.IsPlain(Encoding.ASCII.GetBytes(fields[i]), kind, scales[i])) continue;
                if (kind == PlainKind.Double) expectedRefused[i] = true;
                else expectedStop = true;
            }
            var refused = new bool[columns];
            var stop = PlainColumnScan.Check(Encoding.ASCII.GetBytes(line), (byte)';', (PlainKind?[])kinds.Clone(), scales, refused);
            var what = $"'{line}' as {string.Join(", ", kinds.Select((k, i) => $"{k?.ToString() ?? "unchecked"}({scales[i]})"))}";
            Assert.True(expectedStop == stop, $"{what}: stop {stop}, expected {expectedStop}");
            if (!stop) Assert.True(expectedRefused.SequenceEqual(refused), $"{what}: refused doubles differ");
        }
    }

    // Rows 'i,1.25,0.5' past 4 MiB, some lines replaced, with the byte offset each line starts at by line number (line 1 is the header).
    private (string Path, long[] Starts) WriteRows(string lineEnd, Dictionary<int, string>? faults = null)
    {
        var path = Path.Combine(_dir, $"rows-{Guid.NewGuid():N}.csv");
        var text = new StringBuilder("k,amount,ratio").Append(lineEnd);
        var starts = new List<long> { -1, 0 };
        for (var line = 2; text.Length < PlainColumnScan.ChunkedFrom + (1 << 20); line++)
        {
            starts.Add(text.Length);
            text.Append(faults?.GetValueOrDefault(line) ?? $"{line},1.25,0.5").Append(lineEnd);
        }
        File.WriteAllText(path, text.ToString(), Encoding.ASCII);
        return (path, [.. starts]);
    }

    private static List<long> Boundaries(string path, int parts)
    {
        using var file = File.OpenHandle(path);
        var chunks = PlainColumnScan.Chunks(file, RandomAccess.GetLength(file), parts);
        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(RandomAccess.GetLength(file), chunks[^1].End);
        for (var i = 1; i < chunks.Count; i++) Assert.Equal(chunks[i - 1].End, chunks[i].Start);
        return chunks.Skip(1).Select(c => c.Start).ToList();
    }
}
