using System.Text;
using System.Text.Json;
using SocarDataLake.Core;
using SocarDataLake.Core.Csv;

namespace SocarDataLake.Producers.Records;

/// <summary>One data row of a CSV file as a JSON object: header names as keys, every value a string.</summary>
public sealed record CsvRow(long Line, IReadOnlyList<string> Header, IReadOnlyList<string> Values)
{
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            for (var i = 0; i < Header.Count; i++) w.WriteString(Header[i], Values[i]);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public string Value(int column) => Values[column];
}

/// <summary>
/// Reads CSV as RFC 4180 describes it: fields optionally in double quotes, "" for a quote inside them,
/// delimiters and line breaks allowed inside quotes, CRLF or LF line ends. The first line is the header, read as
/// the local lake reads it (<see cref="CsvHeader"/>). A row whose field count differs from the header's is refused
/// with its line number, never guessed at.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRow> Read(TextReader reader, string source, char delimiter = ',')
    {
        var first = reader.ReadLine() ?? throw new LakeException($"{source}: the file is empty; a header row is needed.");
        var header = CsvHeader.Read(first, delimiter);
        if (header.Problem is { } problem) throw new LakeException($"{source}: {problem}.");
        var duplicate = header.Names.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1 || g.Key.Length == 0);
        if (duplicate is not null)
            throw new LakeException($"{source}: line 1 (the header) has {(duplicate.Key.Length == 0 ? "an empty column name" : $"the column '{duplicate.Key}' twice")}; each column needs its own name to become a JSON key.");
        foreach (var (line, values) in Fields(reader, source, delimiter, firstLine: 2))
        {
            if (values.Count == 1 && values[0].Length == 0) continue;
            if (values.Count != header.Names.Count)
                throw new LakeException($"{source}: line {line} has {values.Count} fields but the header has {header.Names.Count}; fix the row (quote values holding '{delimiter}').");
            yield return new CsvRow(line, header.Names, values);
        }
    }

    /// <summary>Each row's fields with the line it starts on.</summary>
    private static IEnumerable<(long Line, List<string> Fields)> Fields(TextReader reader, string source, char delimiter, long firstLine)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = firstLine, rowLine = firstLine;
        bool quoted = false, wasQuoted = false, any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            if (ch == '"' && field.Length == 0 && !wasQuoted) { quoted = wasQuoted = true; continue; }
            if (ch == delimiter) { fields.Add(field.ToString()); field.Clear(); wasQuoted = false; continue; }
            if (ch == '\r' && reader.Peek() == '\n') continue;
            if (ch == '\n')
            {
                fields.Add(field.ToString());
                yield return (rowLine, fields);
                fields = [];
                field.Clear();
                wasQuoted = false;
                any = false;
                rowLine = ++line;
                continue;
            }
            field.Append(ch);
        }
        if (quoted) throw new LakeException($"{source}: line {rowLine}: a quoted field is never closed (a '\"' is missing).");
        if (any) { fields.Add(field.ToString()); yield return (rowLine, fields); }
    }
}
