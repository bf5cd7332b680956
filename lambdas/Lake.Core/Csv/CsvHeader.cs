using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SocarDataLake.Core.Csv;

/// <summary>
/// The column names of a CSV file's header, read as DuckDB's reader and the Glue job read them: split on the
/// delimiter outside quotes, unquoted ("" is one quote inside a name), trimmed; a byte order mark before the first
/// name is not part of it. The local lake's raw-object check and `lake stream-csv` both read headers here, so a
/// header either refuses it refuses with the same words.
/// </summary>
/// <param name="Line">The line the names were read from, without a byte order mark.</param>
/// <param name="StrayQuote">
/// Where a quote breaks the rules (inside a name, after a closing quote, never closed), 0-based in
/// <paramref name="Line"/>: DuckDB would read the rest of the file into that name and report too many columns.
/// </param>
public sealed record CsvHeader(string Line, IReadOnlyList<string> Names, int? StrayQuote)
{
    /// <summary>The physical line (1-based) the header is on; more than 1 when blank lines come before it.</summary>
    public int LineNumber { get; init; } = 1;

    /// <summary>What in the header's bytes is not UTF-8, or null when all of it is.</summary>
    public string? NotUtf8 { get; init; }

    /// <summary>With <see cref="Locate"/>: the byte offset where the line after the header starts.</summary>
    public int NextLineOffset { get; init; }

    /// <summary>What is wrong with the header for a reader to fix, or null when nothing is.</summary>
    public string? Problem
    {
        get
        {
            var where = $"line {LineNumber} (the header)";
            // DuckDB and the Glue job take line 1 as the header whatever it holds: a blank one makes a file of one
            // unnamed column, so the blank lines are named rather than read past.
            if (LineNumber > 1)
                return $"{where} comes after {Plural(LineNumber - 1, "blank line")}: the header must be line 1; delete the blank line{(LineNumber > 2 ? "s" : "")} above it";
            if (NotUtf8 is { } bytes) return $"{where} {bytes}";
            if (StrayQuote is { } at)
                return $"{where} has a stray quote (\") at character {at + 1} ({Excerpt(at)}): a quote may only enclose a whole column name, as in \"name\", with \"\" for a quote inside it";
            var empty = Names.ToList().FindIndex(n => n.Length == 0);
            if (empty >= 0) return $"{where} has an empty column name (column {empty + 1} of {Names.Count}{Neighbours(empty)}); every column needs a name";
            // Column names are matched ignoring case (contracts, JSON keys), so 'Extra' and 'extra' are one name twice.
            for (var i = 0; i < Names.Count; i++)
                for (var j = 0; j < i; j++)
                    if (string.Equals(Names[i], Names[j], StringComparison.OrdinalIgnoreCase))
                        return $"{where} has the column '{Names[i]}' twice (columns {j + 1} and {i + 1}{(Names[i] == Names[j] ? "" : $", '{Names[j]}' and '{Names[i]}': names match ignoring case")}); each column needs its own name";
            return null;
        }
    }

    /// <param name="line">The first line of the file, without its line end (LF, CRLF or a CR alone).</param>
    public static CsvHeader Read(string line, char delimiter)
    {
        line = line.TrimStart('\uFEFF');
        var names = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var closed = false;
        int? opened = null;
        int? strayQuote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            // RFC 4180: inside quotes "" is one quote character of the name, as DuckDB's reader reads it.
            if (ch == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
            else if (ch == '"' && quoted) { quoted = false; closed = true; }
            else if (ch == '"')
            {
                if (closed || current.ToString().Trim().Length > 0) { strayQuote ??= i; current.Append(ch); }
                else { quoted = true; opened = i; }
            }
            else if (ch == delimiter && !quoted) { names.Add(current.ToString().Trim()); current.Clear(); closed = false; }
            else if (closed && !char.IsWhiteSpace(ch)) { strayQuote ??= i - 1; current.Append(ch); }
            else current.Append(ch);
        }
        if (quoted) strayQuote ??= opened;
        names.Add(current.ToString().Trim());
        return new CsvHeader(line, names, strayQuote);
    }

    /// <summary>
    /// Finds the header at the start of a file's bytes: past a UTF-8 byte order mark and any blank lines (named by
    /// <see cref="Problem"/>), up to its line end (LF, CRLF or a CR alone), its bytes checked as UTF-8 so a name is
    /// never read with a replacement character in it.
    /// </summary>
    /// <param name="head">The file's first bytes, at least up to the header's line end when it has one.</param>
    public static CsvHeader Locate(ReadOnlySpan<byte> head, char delimiter)
    {
        var at = head.StartsWith("\uFEFF"u8) ? 3 : 0;
        var lineNumber = 1;
        while (true)
        {
            var rest = head[at..];
            var length = rest.IndexOfAny((byte)'\n', (byte)'\r');
            var bytes = length < 0 ? rest : rest[..length];
            var next = length < 0 ? head.Length : at + length + (rest[length] == '\r' && length + 1 < rest.Length && rest[length + 1] == '\n' ? 2 : 1);
            if (length >= 0 && bytes.Trim(" \t"u8).IsEmpty && next < head.Length) { at = next; lineNumber++; continue; }
            var header = Read(Encoding.UTF8.GetString(bytes), delimiter) with { LineNumber = lineNumber, NextLineOffset = next };
            return Utf8.IsValid(bytes) ? header : header with { NotUtf8 = InvalidByte(bytes, delimiter) };
        }
    }

    private static string InvalidByte(ReadOnlySpan<byte> line, char delimiter)
    {
        var scratch = ArrayPool<char>.Shared.Rent(line.Length);
        try
        {
            // The bytes before the first invalid one are valid UTF-8: reading them as a header says which column it is in.
            Utf8.ToUtf16(line, scratch, out var valid, out var written, replaceInvalidSequences: false);
            var before = Read(new string(scratch, 0, written), delimiter).Names;
            return $"has a byte that is not UTF-8 (0x{line[valid]:X2}, byte {valid + 1} of the line) in column {before.Count}, the name starting '{before[^1]}': save the file as UTF-8";
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    private string Neighbours(int column)
    {
        var after = column > 0 ? $"after '{Names[column - 1]}'" : null;
        var before = column + 1 < Names.Count ? $"before '{Names[column + 1]}'" : null;
        return after is null && before is null ? "" : $", {string.Join(" and ", new[] { after, before }.Where(s => s is not null))}";
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private string Excerpt(int at)
    {
        var from = Math.Max(0, at - 20);
        return $"'{Line[from..Math.Min(Line.Length, at + 21)]}'";
    }
}
