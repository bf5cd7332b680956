using System.Text.Json;
using CsvHelper;
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
/// Reads CSV as RFC 4180 describes it, through CsvHelper: fields optionally in double quotes, "" for a quote inside
/// them, delimiters and line breaks allowed inside quotes, lines ending at LF, CRLF or a CR alone, empty lines
/// skipped. The first line is the header, read as the local lake reads it (<see cref="CsvHeader"/>). A row whose
/// field count differs from the header's, or a quote that never closes, is refused with its line number, never
/// guessed at.
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

        long? unclosed = null;
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,
            TrackLineNumbers = true,
            // Recovering keeps what a quote inside a value or text after a closing quote say as text, as RFC 4180
            // readers do; only a quote that never closes, which would swallow the rest of the file, is refused.
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote) unclosed ??= record.LineNumber;
            },
        };
        using var rows = CsvReader.Create(reader, options, leaveOpen: true);
        while (rows.Read())
        {
            // CsvHelper counts lines from where it starts reading: the line after the header.
            var line = rows.LineNumber + 1;
            if (unclosed is not null) throw new LakeException($"{source}: line {unclosed + 1}: a quoted field is never closed (a '\"' is missing).");
            if (rows.FieldCount != header.Names.Count)
                throw new LakeException($"{source}: line {line} has {rows.FieldCount} fields but the header has {header.Names.Count}; fix the row (quote values holding '{delimiter}').");
            var values = new string[rows.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = rows.GetString(i);
            yield return new CsvRow(line, header.Names, values);
        }
        if (unclosed is not null) throw new LakeException($"{source}: line {unclosed + 1}: a quoted field is never closed (a '\"' is missing).");
    }
}
