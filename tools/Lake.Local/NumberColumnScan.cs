using System.Buffers;

namespace SocarDataLake.Local;

/// <summary>
/// Which int, bigint and decimal columns of a CSV hold only plain numbers as the typing plan reads them
/// (<see cref="Core.Typing.PlainText"/>: a sign, digits and, for decimals, one point, padded with spaces) or nothing.
/// DuckDB's typed CSV reader reads more ('1.5' and '1e3' as integers, '1_000', tabs around a number, a sign alone as 0);
/// on plain numbers it reads what the plan reads or refuses the value (<c>ReaderTypingTests</c> fuzzes that claim).
/// Only such columns are typed by the reader.
/// </summary>
internal static class NumberColumnScan
{
    private static readonly SearchValues<byte> LineEnd = SearchValues.Create("\n\r"u8);

    /// <summary>
    /// The columns (by their index in the header) whose every value keeps to its alphabet; none when a quote appears
    /// anywhere, since then a field's bytes are not its value (the typing plan's own path reads such files).
    /// </summary>
    /// <param name="columns">Header index and whether the column is a decimal (else an integer).</param>
    public static IReadOnlySet<int> Plain(string path, byte delimiter, IReadOnlyList<(int Index, bool Decimal)> columns)
    {
        var plain = columns.ToDictionary(c => c.Index, c => c.Decimal);
        if (plain.Count == 0) return new HashSet<int>();
        var last = plain.Keys.Max();
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
                else if (!line.IsEmpty) Check(line, delimiter, plain, last);
                if (plain.Count == 0) return new HashSet<int>();
                consumed += end < 0 ? rest.Length : end + 1;
                if (end < 0) break;
            }
            if (read == 0) break;
            kept = length - consumed;
            // A line longer than the buffer: the reader's own path (and the line audit) deal with it.
            if (kept == buffer.Length) return new HashSet<int>();
            data[consumed..].CopyTo(buffer);
        }
        return plain.Keys.ToHashSet();
    }

    /// <summary>True when the field is empty or spaces, or a plain integer (or decimal) padded with spaces.</summary>
    public static bool IsPlain(ReadOnlySpan<byte> field, bool isDecimal)
    {
        field = field.Trim((byte)' ');
        if (field.IsEmpty) return true;
        if (field[0] is (byte)'+' or (byte)'-') field = field[1..];
        int at = 0, digits = 0;
        while (at < field.Length && char.IsAsciiDigit((char)field[at])) { at++; digits++; }
        if (isDecimal && at < field.Length && field[at] == (byte)'.')
            for (at++; at < field.Length && char.IsAsciiDigit((char)field[at]); at++) digits++;
        return at == field.Length && digits > 0;
    }

    private static void Check(ReadOnlySpan<byte> line, byte delimiter, Dictionary<int, bool> plain, int last)
    {
        for (var index = 0; index <= last; index++)
        {
            var cut = line.IndexOf(delimiter);
            var field = cut < 0 ? line : line[..cut];
            if (plain.TryGetValue(index, out var isDecimal) && !IsPlain(field, isDecimal)) plain.Remove(index);
            if (cut < 0) return;
            line = line[(cut + 1)..];
        }
    }
}
