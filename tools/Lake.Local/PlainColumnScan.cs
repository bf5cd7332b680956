using System.Buffers;
using System.Runtime.CompilerServices;

namespace SocarDataLake.Local;

/// <summary>How a column's texts must look for DuckDB's CSV reader to type them as the typing plan would.</summary>
internal enum PlainKind
{
    /// <summary>A sign and digits, no more than the type holds whatever they are (int, bigint).</summary>
    Integer,

    /// <summary>A sign, digits and one point, no nonzero digit beyond the column's scale nor more digits before the point than its precision leaves (decimal).</summary>
    Decimal,

    /// <summary>A decimal with an exponent of at most two digits, 40 characters at most (double).</summary>
    Double,

    /// <summary>'YYYY-MM-DD HH:MM:SS' or 'YYYY-MM-DD HH:MM' naming a real day of years 0001-9999 (timestamp read with those formats).</summary>
    Timestamp,
}

/// <summary>
/// Which columns of a CSV hold only plain texts of their kind (<see cref="PlainKind"/>) or nothing, each padded with
/// spaces at most: the texts on which DuckDB's typed CSV reader and the typing plan's text conversion agree. The
/// reader reads more ('1.5' and '1e3' as integers, '1.235' rounded into a decimal(10,2), '1_000', 'NaN', '1e400' as
/// infinity, '2019-1-5', tabs, a sign alone as 0), and the plan quarantines those, so the lines holding them go to the
/// plan's text path and the reader types the rest (<c>ReaderTypingTests</c> fuzzes the claim for every kind). The limits are the plan's own (<see cref="Core.Typing.PlainText"/>), narrowed where
/// that is cheaper than proving the reader agrees: the double's length keeps it far from overflow, the timestamp's
/// calendar check leaves the reader no invalid day to read.
/// </summary>
internal static class PlainColumnScan
{
    /// <summary>
    /// How plain a column's texts must be beyond their kind: a decimal's scale, and the most digits before the point
    /// (the reader refuses a value its type cannot hold: '2147483648' as an INTEGER, where the plan quarantines it).
    /// </summary>
    /// <remarks>Give both: a default Limit allows no digits at all.</remarks>
    internal readonly record struct Limit(int Scale, int Digits)
    {
        /// <summary>No limit beyond the kind's own (doubles and timestamps).</summary>
        public static readonly Limit None = new(0, int.MaxValue);
    }

    private static readonly SearchValues<byte> LineEnd = SearchValues.Create("\n\r"u8);

    private const int MaxDoubleLength = 40;

    // Each method here runs once a field and is compiled optimized from its first call (AggressiveOptimization): the
    // tiered JIT's quick first version ran a 1M-row file at half the speed, since a run is over before the background
    // recompilation catches up.

    /// <summary>
    /// The columns (by their index in the header) whose every value is plain, and the lines the reader must not read:
    /// those with a quote (a field's bytes are not its value there), with an integer, decimal or timestamp text that
    /// is not plain, or with nothing in a required column. The plan quarantines such a line or reads it its own way, so
    /// it goes to the plan's text path (<see cref="ColumnScan.TextLines"/>) and the rest to the reader. A double may be good without
    /// being plain ('1e300'): its column is left to the plan instead. The scan gives up (<see cref="ColumnScan.Stopped"/>)
    /// on a line longer than its buffer, or when more than half the lines would go to the text path.
    /// </summary>
    public static ColumnScan Plain(string path, byte delimiter, IReadOnlyList<(int Index, PlainKind Kind, Limit Limit)> columns, IReadOnlyCollection<int>? required = null, int? parts = null)
    {
        if (columns.Count == 0) return ColumnScan.None;
        required ??= [];
        // By header index; null where no kind is checked.
        var kinds = new PlainKind?[Math.Max(columns.Max(c => c.Index), required.Count == 0 ? 0 : required.Max()) + 1];
        var limits = new Limit[kinds.Length];
        var needed = new bool[kinds.Length];
        foreach (var (index, kind, limit) in columns) (kinds[index], limits[index]) = (kind, limit);
        foreach (var index in required) needed[index] = true;
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var chunks = Chunks(file, RandomAccess.GetLength(file), parts);
        var state = new ScanState();
        var results = new ChunkResult[chunks.Count];
        // Whole lines to each core: the scan cost more than the line audit it runs beside.
        Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = chunks.Count },
            i => results[i] = ScanChunk(file, chunks[i].Start, chunks[i].End, header: i == 0, delimiter, kinds, limits, needed, state));
        if (state.Stopped || results.Sum(r => (long)r.TextLines.Count) * 2 > results.Sum(r => r.Lines)) return ColumnScan.None;
        var plain = Enumerable.Range(0, kinds.Length).Where(i => kinds[i] is not null && !results.Any(r => r.Refused[i])).ToHashSet();
        return new ColumnScan(plain, [.. results.SelectMany(r => r.TextLines)], Stopped: false);
    }

    /// <summary>Files at least this long are scanned in parts, one per core: below it a thread costs more than it saves.</summary>
    internal const long ChunkedFrom = 4 << 20;

    private sealed class ScanState
    {
        // Set by the part that found an overlong line or too many lines for the text path.
        public volatile bool Stopped;
    }

    /// <summary>A part's refused doubles, its lines for the text path (where they start), and how many lines it read.</summary>
    private sealed record ChunkResult(bool[] Refused, List<long> TextLines, long Lines);

    // Below this many lines for the text path a part reads on whatever their share: a small file with a few bad rows
    // still splits.
    private const int TextLinesBeforeShareCounts = 1024;

    // Parts of about equal size that each start at a line's first byte (the header is in the first). A part ends after
    // the line ends that follow its nominal end; a file with no line end there stays in fewer parts.
    internal static List<(long Start, long End)> Chunks(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length, int? parts = null)
    {
        var count = length < ChunkedFrom ? 1 : Math.Max(1, parts ?? Environment.ProcessorCount);
        var chunks = new List<(long Start, long End)>();
        var start = 0L;
        var probe = new byte[64 << 10];
        for (var i = 1; i < count && start < length; i++)
        {
            var at = Math.Max(start, length * i / count);
            var boundary = -1L;
            // Past the first line end at or after the nominal end, and any line ends right after it.
            var seenEnd = false;
            while (boundary < 0 && at < length)
            {
                var read = RandomAccess.Read(file, probe, at);
                if (read == 0) break;
                for (var j = 0; j < read; j++)
                {
                    var isEnd = probe[j] is (byte)'\n' or (byte)'\r';
                    if (isEnd) seenEnd = true;
                    else if (seenEnd) { boundary = at + j; break; }
                }
                at += read;
            }
            if (boundary < 0) break;
            chunks.Add((start, boundary));
            start = boundary;
        }
        chunks.Add((start, length));
        return chunks;
    }

    // The doubles this part showed not to be plain and its lines for the text path; it stops early when the whole scan's
    // answer is already none.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ChunkResult ScanChunk(Microsoft.Win32.SafeHandles.SafeFileHandle file, long from, long to, bool header, byte delimiter, PlainKind?[] checkedKinds, Limit[] limits, bool[] required, ScanState state)
    {
        var kinds = (PlainKind?[])checkedKinds.Clone();
        var refused = new bool[kinds.Length];
        var textLines = new List<long>();
        long lines = 0;
        var buffer = new byte[1 << 20];
        int kept = 0;
        var offset = from;
        // Where buffer[0] lies in the file.
        var bufferStart = from;
        while (!state.Stopped)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(kept, (int)Math.Min(buffer.Length - kept, to - offset)), offset);
            offset += read;
            var length = kept + read;
            if (length == 0) break;
            var data = buffer.AsSpan(0, length);
            var quotes = data.Contains((byte)'"');
            var consumed = 0;
            while (true)
            {
                var rest = data[consumed..];
                var end = rest.IndexOfAny(LineEnd);
                if (end < 0 && read > 0) break; // the line continues in the next read
                var line = end < 0 ? rest : rest[..end];
                if (header) header = false;
                else if (!line.IsEmpty)
                {
                    lines++;
                    if ((quotes && line.Contains((byte)'"')) || Check(line, delimiter, kinds, limits, required, refused))
                    {
                        textLines.Add(bufferStart + consumed);
                        if (textLines.Count >= TextLinesBeforeShareCounts && textLines.Count * 2 > lines) { state.Stopped = true; break; }
                    }
                }
                consumed += end < 0 ? rest.Length : end + 1;
                if (end < 0) break;
            }
            if (read == 0) break;
            kept = length - consumed;
            // A line longer than the buffer: the reader's own path (and the line audit) deal with it.
            if (kept == buffer.Length) { state.Stopped = true; break; }
            data[consumed..].CopyTo(buffer);
            bufferStart += consumed;
        }
        return new ChunkResult(refused, textLines, lines);
    }

    /// <summary>
    /// True when the field is empty, or a plain text of its kind padded with spaces, within its column's
    /// <paramref name="limit"/>: a decimal's scale (the reader would round a nonzero digit beyond it, the plan refuses
    /// it), and the digits before the point.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsPlain(ReadOnlySpan<byte> field, PlainKind kind, Limit limit)
    {
        var text = field.Trim((byte)' ');
        // Spaces alone the reader refuses as a number or time, where the plan reads nothing.
        if (text.IsEmpty) return field.IsEmpty;
        field = text;
        return kind switch
        {
            PlainKind.Integer => IsNumber(field, point: false, exponent: false, places: 0, limit.Digits),
            PlainKind.Decimal => IsNumber(field, point: true, exponent: false, places: limit.Scale, limit.Digits),
            PlainKind.Double => field.Length <= MaxDoubleLength && IsNumber(field, point: true, exponent: true, places: int.MaxValue, int.MaxValue),
            _ => IsTimestamp(field),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsNumber(ReadOnlySpan<byte> field, bool point, bool exponent, int places, int wholeDigits)
    {
        if (field[0] is (byte)'+' or (byte)'-') field = field[1..];
        int at = 0, digits = 0, used = 0;
        while (at < field.Length && IsDigit(field[at])) { at++; digits++; }
        if (digits > wholeDigits) return false;
        if (point && at < field.Length && field[at] == (byte)'.')
        {
            // The fraction's places up to its last nonzero digit: trailing zeros change no value.
            for (int start = ++at; at < field.Length && IsDigit(field[at]); at++, digits++)
                if (field[at] != (byte)'0') used = at - start + 1;
        }
        if (digits == 0 || used > places) return false;
        if (exponent && at < field.Length && field[at] is (byte)'e' or (byte)'E')
        {
            at++;
            if (at < field.Length && field[at] is (byte)'+' or (byte)'-') at++;
            var start = at;
            while (at < field.Length && IsDigit(field[at])) at++;
            if (at - start is < 1 or > 2) return false;
        }
        return at == field.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsTimestamp(ReadOnlySpan<byte> field)
    {
        if (field.Length is not (16 or 19) || field[4] != '-' || field[7] != '-' || field[10] != ' ' || field[13] != ':' || (field.Length == 19 && field[16] != ':')) return false;
        var year = Number(field[..4]);
        if (year is < 1 or > 9999) return false;
        var month = Number(field[5..7]);
        if (month is < 1 or > 12) return false;
        var day = Number(field[8..10]);
        return day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && Number(field[11..13]) is >= 0 and <= 23 && Number(field[14..16]) is >= 0 and <= 59 && (field.Length == 16 || Number(field[17..19]) is >= 0 and <= 59);
    }

    // The digits' value, or -1 when any is not a digit.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Number(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var b in digits)
        {
            if (!IsDigit(b)) return -1;
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    // Marks the doubles this line shows not to be plain (they are checked no more); true when the line goes to the text
    // path: another kind's text is not plain, or a required column is empty. One pass: each checked field is read in
    // its common shape up to the delimiter (Common), and only a field that is not in it is found whole and judged by
    // IsPlain. Judging every field after finding its end read each byte twice and made the scan cost more than the
    // write it runs beside.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool Check(ReadOnlySpan<byte> line, byte delimiter, PlainKind?[] kinds, Limit[] limits, bool[] required, bool[] refused)
    {
        var at = 0;
        for (var index = 0; index < kinds.Length; index++)
        {
            var start = at;
            if (kinds[index] is not { } kind || (at = Common(line, start, delimiter, kind, limits[index])) < 0)
            {
                at = start;
                while (at < line.Length && line[at] != delimiter) at++;
                var field = line[start..at];
                if (required[index] && field.Trim((byte)' ').IsEmpty) return true;
                if (kinds[index] is { } judged && !IsPlain(field, judged, limits[index]))
                {
                    if (judged != PlainKind.Double) return true;
                    kinds[index] = null;
                    refused[index] = true;
                }
            }
            if (at >= line.Length) break;
            at++;
        }
        return false;
    }

    // Where a field in its common shape ends (the delimiter after it, or the line's end), or -1 when it is not in it:
    // digits (no more than the limit's) with, for a decimal or double, a point and digits (a decimal's up to its
    // scale), or an unpadded 'YYYY-MM-DD HH:MM:SS'. Every field it takes IsPlain takes too; the rest IsPlain judges.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Common(ReadOnlySpan<byte> line, int at, byte delimiter, PlainKind kind, Limit limit)
    {
        var start = at;
        if (kind == PlainKind.Timestamp)
        {
            at += 19;
            return at <= line.Length && (at == line.Length || line[at] == delimiter) && IsTimestamp(line.Slice(start, 19)) ? at : -1;
        }
        while (at < line.Length && IsDigit(line[at])) at++;
        if (at == start || (kind != PlainKind.Double && at - start > limit.Digits)) return -1;
        if (kind != PlainKind.Integer && at < line.Length && line[at] == (byte)'.')
        {
            var fraction = ++at;
            while (at < line.Length && IsDigit(line[at])) at++;
            if (kind == PlainKind.Decimal && at - fraction > limit.Scale) return -1;
        }
        if (kind == PlainKind.Double && at - start > MaxDoubleLength) return -1;
        return at == line.Length || line[at] == delimiter ? at : -1;
    }
}

/// <summary>
/// What <see cref="PlainColumnScan.Plain"/> found: the columns the reader may type, and where the lines start that the
/// plan must type from their text, in file order. <see cref="Stopped"/>: no column for the reader at all.
/// </summary>
internal sealed record ColumnScan(IReadOnlySet<int> Columns, IReadOnlyList<long> TextLines, bool Stopped)
{
    public static readonly ColumnScan None = new(new HashSet<int>(), [], Stopped: true);
}
