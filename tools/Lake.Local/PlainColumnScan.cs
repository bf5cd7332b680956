using System.Buffers;
using System.Runtime.CompilerServices;

namespace SocarDataLake.Local;

/// <summary>How a column's texts must look for DuckDB's CSV reader to type them as the typing plan would.</summary>
internal enum PlainKind
{
    /// <summary>A sign and digits (int, bigint).</summary>
    Integer,

    /// <summary>A sign, digits and one point, no nonzero digit beyond the column's scale (decimal).</summary>
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
/// infinity, '2019-1-5', tabs, a sign alone as 0), and the plan quarantines those, so only columns free of them are
/// typed by the reader (<c>ReaderTypingTests</c> fuzzes the claim for every kind). The limits are the plan's own (<see cref="Core.Typing.PlainText"/>), narrowed where
/// that is cheaper than proving the reader agrees: the double's length keeps it far from overflow, the timestamp's
/// calendar check leaves the reader no invalid day to read.
/// </summary>
internal static class PlainColumnScan
{
    private static readonly SearchValues<byte> LineEnd = SearchValues.Create("\n\r"u8);

    private const int MaxDoubleLength = 40;

    // Each method here runs once a field and is compiled optimized from its first call (AggressiveOptimization): the
    // tiered JIT's quick first version ran a 1M-row file at half the speed, since a run is over before the background
    // recompilation catches up.

    /// <summary>
    /// The columns (by their index in the header) whose every value is plain; none when a quote appears anywhere,
    /// since then a field's bytes are not its value (the typing plan's own path reads such files), and none as soon as
    /// an integer, decimal or timestamp column holds a text that is not plain: the plan quarantines that row, so the
    /// fast path cannot take the object, and reading on would only delay the plan's own path. A double may be good
    /// without being plain ('1e300'), so the scan goes on past one.
    /// </summary>
    public static IReadOnlySet<int> Plain(string path, byte delimiter, IReadOnlyList<(int Index, PlainKind Kind, int Scale)> columns, int? parts = null)
    {
        if (columns.Count == 0) return new HashSet<int>();
        // By header index; null where no kind is checked.
        var kinds = new PlainKind?[columns.Max(c => c.Index) + 1];
        var scales = new int[kinds.Length];
        foreach (var (index, kind, scale) in columns) (kinds[index], scales[index]) = (kind, scale);
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var chunks = Chunks(file, RandomAccess.GetLength(file), parts);
        var state = new ScanState();
        var refused = new bool[chunks.Count][];
        // Whole lines to each core: the scan cost more than the line audit it runs beside.
        Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = chunks.Count },
            i => refused[i] = ScanChunk(file, chunks[i].Start, chunks[i].End, header: i == 0, delimiter, kinds, scales, state));
        if (state.Stopped) return new HashSet<int>();
        return Enumerable.Range(0, kinds.Length).Where(i => kinds[i] is not null && !refused.Any(r => r[i])).ToHashSet();
    }

    /// <summary>Files at least this long are scanned in parts, one per core: below it a thread costs more than it saves.</summary>
    internal const long ChunkedFrom = 4 << 20;

    private sealed class ScanState
    {
        // Set by the part that found a quote, an overlong line or a refused column of a kind the fast path needs.
        public volatile bool Stopped;
    }

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

    // The columns this part showed not to be plain; it stops early when the whole scan's answer is already none.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool[] ScanChunk(Microsoft.Win32.SafeHandles.SafeFileHandle file, long from, long to, bool header, byte delimiter, PlainKind?[] checkedKinds, int[] scales, ScanState state)
    {
        var kinds = (PlainKind?[])checkedKinds.Clone();
        var refused = new bool[kinds.Length];
        var buffer = new byte[1 << 20];
        int kept = 0;
        var offset = from;
        while (!state.Stopped)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(kept, (int)Math.Min(buffer.Length - kept, to - offset)), offset);
            offset += read;
            var length = kept + read;
            if (length == 0) break;
            var data = buffer.AsSpan(0, length);
            if (data.Contains((byte)'"')) { state.Stopped = true; break; }
            var consumed = 0;
            while (true)
            {
                var rest = data[consumed..];
                var end = rest.IndexOfAny(LineEnd);
                if (end < 0 && read > 0) break; // the line continues in the next read
                var line = end < 0 ? rest : rest[..end];
                if (header) header = false;
                else if (!line.IsEmpty && Check(line, delimiter, kinds, scales, refused)) { state.Stopped = true; return refused; }
                consumed += end < 0 ? rest.Length : end + 1;
                if (end < 0) break;
            }
            if (read == 0) break;
            kept = length - consumed;
            // A line longer than the buffer: the reader's own path (and the line audit) deal with it.
            if (kept == buffer.Length) { state.Stopped = true; break; }
            data[consumed..].CopyTo(buffer);
        }
        return refused;
    }

    /// <summary>
    /// True when the field is empty or spaces, or a plain text of its kind padded with spaces; a decimal's
    /// <paramref name="scale"/> is its column's (the reader would round a nonzero digit beyond it, the plan refuses it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsPlain(ReadOnlySpan<byte> field, PlainKind kind, int scale = 0)
    {
        field = field.Trim((byte)' ');
        if (field.IsEmpty) return true;
        return kind switch
        {
            PlainKind.Integer => IsNumber(field, point: false, exponent: false, places: 0),
            PlainKind.Decimal => IsNumber(field, point: true, exponent: false, places: scale),
            PlainKind.Double => field.Length <= MaxDoubleLength && IsNumber(field, point: true, exponent: true, places: int.MaxValue),
            _ => IsTimestamp(field),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsNumber(ReadOnlySpan<byte> field, bool point, bool exponent, int places)
    {
        if (field[0] is (byte)'+' or (byte)'-') field = field[1..];
        int at = 0, digits = 0, used = 0;
        while (at < field.Length && IsDigit(field[at])) { at++; digits++; }
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

    // Marks the columns this line shows not to be plain (they are checked no more); true when one of them is not a
    // double, which settles the scan. One pass: each checked field is read in its common shape up to the delimiter
    // (Common), and only a field that is not in it is found whole and judged by IsPlain. Judging every field after
    // finding its end read each byte twice and made the scan cost more than the write it runs beside.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool Check(ReadOnlySpan<byte> line, byte delimiter, PlainKind?[] kinds, int[] scales, bool[] refused)
    {
        var at = 0;
        for (var index = 0; index < kinds.Length; index++)
        {
            var start = at;
            if (kinds[index] is not { } kind || (at = Common(line, start, delimiter, kind, scales[index])) < 0)
            {
                at = start;
                while (at < line.Length && line[at] != delimiter) at++;
                if (kinds[index] is { } judged && !IsPlain(line[start..at], judged, scales[index]))
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
    // digits with, for a decimal or double, a point and digits (a decimal's up to its scale), or an unpadded
    // 'YYYY-MM-DD HH:MM:SS'. Every field it takes IsPlain takes too; the rest IsPlain judges.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Common(ReadOnlySpan<byte> line, int at, byte delimiter, PlainKind kind, int scale)
    {
        var start = at;
        if (kind == PlainKind.Timestamp)
        {
            at += 19;
            return at <= line.Length && (at == line.Length || line[at] == delimiter) && IsTimestamp(line.Slice(start, 19)) ? at : -1;
        }
        while (at < line.Length && IsDigit(line[at])) at++;
        if (at == start) return -1;
        if (kind != PlainKind.Integer && at < line.Length && line[at] == (byte)'.')
        {
            var fraction = ++at;
            while (at < line.Length && IsDigit(line[at])) at++;
            if (kind == PlainKind.Decimal && at - fraction > scale) return -1;
        }
        if (kind == PlainKind.Double && at - start > MaxDoubleLength) return -1;
        return at == line.Length || line[at] == delimiter ? at : -1;
    }
}
