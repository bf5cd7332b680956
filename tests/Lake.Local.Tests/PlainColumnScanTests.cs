using System.Text;

namespace SocarDataLake.Local.Tests;

/// <summary>
/// The scan that decides which columns DuckDB's reader may type, and which lines it must not read, reads a large file in
/// parts, one per core. A part boundary must never hide a line: a text the reader would read differently from the plan
/// (an integer '1.5', a decimal with a digit beyond its scale) sends its line to the plan's own path wherever it sits.
/// </summary>
public sealed class PlainColumnScanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("plain-scan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly (int Index, PlainKind Kind, PlainColumnScan.Limit Limit)[] Columns = [(0, PlainKind.Integer, new(Scale: 0, Digits: 9)), (1, PlainKind.Decimal, new(Scale: 2, Digits: 8)), (2, PlainKind.Double, PlainColumnScan.Limit.None)];

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
        var all = Columns.Select(c => c.Index).ToHashSet();
        var clean = PlainColumnScan.Plain(path, (byte)',', Columns, parts: parts);
        Assert.Equal(all, clean.Columns);
        Assert.Empty(clean.TextLines);
        foreach (var boundary in boundaries)
        {
            var line = Array.BinarySearch(starts, boundary);
            Assert.True(line > 1, $"part boundary {boundary} is not at the start of a data line");
            // The last line of the part before, then the first line of the part after: that line alone goes to the text path.
            foreach (var target in new[] { line - 1, line })
            {
                foreach (var fault in new[] { "7,1.005,2.5", "1.5,1.00,2.5" })
                {
                    var (bad, badStarts) = WriteRows(lineEnd, new() { [target] = fault });
                    var scan = PlainColumnScan.Plain(bad, (byte)',', Columns, parts: parts);
                    Assert.Equal(all, scan.Columns);
                    Assert.Equal([badStarts[target]], scan.TextLines);
                }
            }
        }
    }

    [Fact]
    public void A_double_that_is_not_plain_leaves_the_other_columns_to_the_reader_and_the_scan_reads_on()
    {
        var (path, _) = WriteRows("\n", new() { [10] = "7,1.00,1e300" });
        var scan = PlainColumnScan.Plain(path, (byte)',', Columns, parts: 2);
        Assert.Equal(new HashSet<int> { 0, 1 }, scan.Columns);
        Assert.Empty(scan.TextLines);
        // An integer fault in the same part, after the double's, is still found.
        var (both, starts) = WriteRows("\n", new() { [10] = "7,1.00,1e300", [20] = "1.5,1.00,2.5" });
        var bothScan = PlainColumnScan.Plain(both, (byte)',', Columns, parts: 2);
        Assert.Equal(new HashSet<int> { 0, 1 }, bothScan.Columns);
        Assert.Equal([starts[20]], bothScan.TextLines);
    }

    [Fact]
    public void Lines_with_an_integer_that_is_not_plain_a_quote_or_an_empty_required_value_go_to_the_text_path_in_file_order()
    {
        var (path, starts) = WriteRows("\r\n", new() { [2] = "x,1.00,2.5", [40] = "7,\"1.00\",2.5", [300_000] = "7,\"1,000.00\",2.5", [300_001] = " ,1.00,2.5", [300_002] = ",1.00,2.5" });
        Assert.True(starts.Length > 300_003);
        var scan = PlainColumnScan.Plain(path, (byte)',', Columns, required: [0], parts: 3);
        Assert.Equal(Columns.Select(c => c.Index).ToHashSet(), scan.Columns);
        Assert.Equal([starts[2], starts[40], starts[300_000], starts[300_001], starts[300_002]], scan.TextLines);
        // Not required, an empty value is plain; spaces alone the reader refuses as a number.
        Assert.Equal([starts[2], starts[40], starts[300_000], starts[300_001]], PlainColumnScan.Plain(path, (byte)',', Columns, parts: 3).TextLines);
    }

    [Theory]
    [InlineData("999999999", "Integer", 0, 9, true)]
    [InlineData("-0000000001", "Integer", 0, 9, false)]
    [InlineData("2147483648", "Integer", 0, 9, false)]
    [InlineData("12345678.5", "Decimal", 2, 8, true)]
    [InlineData(" -12345678.50 ", "Decimal", 2, 8, true)]
    [InlineData("123456789.5", "Decimal", 2, 8, false)]
    [InlineData("123456789012345678901234567890", "Double", 0, 9, true)]
    public void A_number_with_more_digits_before_the_point_than_its_type_holds_is_not_plain(string text, string kindName, int scale, int digits, bool plain)
    {
        var kind = Enum.Parse<PlainKind>(kindName);
        var limit = new PlainColumnScan.Limit(scale, digits);
        Assert.Equal(plain, PlainColumnScan.IsPlain(Encoding.ASCII.GetBytes(text), kind, limit));
        // The one-pass check agrees, wherever the field sits on its line.
        Assert.Equal(!plain, PlainColumnScan.Check(Encoding.ASCII.GetBytes($"1,{text},2"), (byte)',', [null, kind, null], [default, limit, default], new bool[3], new bool[3]) || (kind == PlainKind.Double && !plain));
    }

    [Fact]
    public void A_file_with_more_than_half_its_lines_for_the_text_path_gives_the_reader_nothing()
    {
        // Two lines in three, then one in three, all through the file.
        var faults = Enumerable.Range(2, 500_000).Where(l => l % 3 != 0).ToDictionary(l => l, _ => "1.5,1.00,2.5");
        var (path, _) = WriteRows("\n", faults);
        Assert.True(PlainColumnScan.Plain(path, (byte)',', Columns, parts: 2).Stopped);
        var (third, starts) = WriteRows("\n", faults.Where(f => f.Key % 3 == 1).ToDictionary());
        var scan = PlainColumnScan.Plain(third, (byte)',', Columns, parts: 2);
        Assert.False(scan.Stopped);
        Assert.Equal(Enumerable.Range(2, starts.Length - 2).Where(l => l % 3 == 1).Select(l => starts[l]), scan.TextLines);
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
            var limits = Enumerable.Range(0, columns).Select(_ => new PlainColumnScan.Limit(random.Next(0, 4), random.Next(3) == 0 ? random.Next(1, 4) : int.MaxValue)).ToArray();
            // Lines with fewer fields than checked columns, as many, and more.
            var fields = Enumerable.Range(0, Math.Max(1, columns + random.Next(-2, 3))).Select(_ => Texts[random.Next(Texts.Length)]).ToArray();
            var line = string.Join(";", fields);

            var required = Enumerable.Range(0, columns).Select(_ => random.Next(4) == 0).ToArray();

            var expectedStop = false;
            var expectedRefused = new bool[columns];
            for (var i = 0; i < Math.Min(columns, fields.Length) && !expectedStop; i++)
            {
                if (required[i] && fields[i].Trim(' ').Length == 0) expectedStop = true;
                else if (kinds[i] is not { } kind || PlainColumnScan.IsPlain(Encoding.ASCII.GetBytes(fields[i]), kind, limits[i])) continue;
                else if (kind == PlainKind.Double) expectedRefused[i] = true;
                else expectedStop = true;
            }
            var refused = new bool[columns];
            var stop = PlainColumnScan.Check(Encoding.ASCII.GetBytes(line), (byte)';', (PlainKind?[])kinds.Clone(), limits, required, refused);
            var what = $"'{line}' as {string.Join(", ", kinds.Select((k, i) => $"{k?.ToString() ?? "unchecked"}({limits[i]}){(required[i] ? " required" : "")}"))}";
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
