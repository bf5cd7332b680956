using System.Text;

namespace SocarDataLake.Core.Csv;

/// <summary>
/// The column names of a CSV file's first line, read as DuckDB's reader and the Glue job read them: split on the
/// delimiter outside quotes, unquoted ("" is one quote inside a name), trimmed; a byte order mark before the first
/// name is not part of it. The local lake's raw-object check and `lake stream-csv` both read headers here.
/// </summary>
/// <param name="Line">The line the names were read from, without a byte order mark.</param>
/// <param name="StrayQuote">
/// Where a quote breaks the rules (inside a name, after a closing quote, never closed), 0-based in
/// <paramref name="Line"/>: DuckDB would read the rest of the file into that name and report too many columns.
/// </param>
public sealed record CsvHeader(string Line, IReadOnlyList<string> Names, int? StrayQuote)
{
    /// <summary>What is wrong with the header for a reader to fix, or null when nothing is.</summary>
    public string? Problem => StrayQuote is { } at
        ? $"line 1 (the header) has a stray quote (\") at character {at + 1} ({Excerpt(at)}): a quote may only enclose a whole column name, as in \"name\", with \"\" for a quote inside it"
        : null;

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

    private string Excerpt(int at)
    {
        var from = Math.Max(0, at - 20);
        return $"'{Line[from..Math.Min(Line.Length, at + 21)]}'";
    }
}
