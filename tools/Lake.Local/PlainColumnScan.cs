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
    /// since then a field's bytes are not its value (the typing plan's own path reads such files).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlySet<int> Plain(string path, byte delimiter, IReadOnlyList<(int Index, PlainKind Kind, int Scale)> columns)
    {
        if (columns.Count == 0) return new HashSet<int>();
        // By header index; null where no kind is checked, or once a value was not plain.
        var kinds = new PlainKind?[columns.Max(c => c.Index) + 1];
        var scales = new int[kinds.Length];
        foreach (var (index, kind, scale) in columns) (kinds[index], scales[index]) = (kind, scale);
        var left = columns.Count;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int kept = 0;
        var header = true;
        while (true)
        {
            var read = file.Read(buffer, kept, buffer.Length - kept);
            var length = kept + read;
            if (length == 0) break;
            var data = buffer.AsSpan(0, length);
            if (data.Contains((byte)'"')) return new HashSet<int>();
            var consumed = 0;
            while (true)
            {
                var rest = data[consumed..];
                var end = rest.IndexOfAny(LineEnd);
                if (end < 0 && read > 0) break; // the line continues in the next read
                var line = end < 0 ? rest : rest[..end];
                if (header) header = false;
                else if (!line.IsEmpty) left -= Check(line, delimiter, kinds, scales);
                if (left == 0) return new HashSet<int>();
                consumed += end < 0 ? rest.Length : end + 1;
                if (end < 0) break;
            }
            if (read == 0) break;
            kept = length - consumed;
            // A line longer than the buffer: the reader's own path (and the line audit) deal with it.
            if (kept == buffer.Length) return new HashSet<int>();
            data[consumed..].CopyTo(buffer);
        }
        return Enumerable.Range(0, kinds.Length).Where(i => kinds[i] is not null).ToHashSet();
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

    // How many columns this line showed not to be plain (they are checked no more). A byte loop: the fields are a few
    // bytes each, too short for a vectorized search to pay for its setup.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Check(ReadOnlySpan<byte> line, byte delimiter, PlainKind?[] kinds, int[] scales)
    {
        int index = 0, start = 0, refused = 0;
        for (var at = 0; at <= line.Length; at++)
        {
            if (at < line.Length && line[at] != delimiter) continue;
            if (kinds[index] is { } kind && !IsPlain(line[start..at], kind, scales[index]))
            {
                kinds[index] = null;
                refused++;
            }
            if (++index == kinds.Length) break;
            start = at + 1;
        }
        return refused;
    }
}
