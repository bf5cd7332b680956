using System.Text.Json;
using System.Text.Unicode;
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
/// skipped. The header is read as the local lake reads it (<see cref="CsvHeader"/>). A row the local lake would
/// quarantine (another field count, a quote that never closes, text after a closing quote, bytes that are not
/// UTF-8) stops the reading with its line number: a stream has no quarantine of its own, and sending such a row
/// would change it (a replacement character for each bad byte, a closing quote dropped).
/// </summary>
public static class CsvRecords
{
    // The local lake and the Glue job read headers up to 1 MiB too.
    private const int MaxHeaderBytes = 1024 * 1024;

    /// <param name="input">The file's bytes from its start; seekable, since the rows are read from after the header.</param>
    public static IEnumerable<CsvRow> Read(Stream input, string source, char delimiter = ',')
    {
        var start = input.Position;
        var head = new byte[MaxHeaderBytes];
        var length = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (length == 0) throw new LakeException($"{source}: the file is empty; a header row is needed.");
        var header = CsvHeader.Locate(head.AsSpan(0, length), delimiter);
        if (header.Problem is { } problem) throw new LakeException($"{source}: {problem}.");
        if (header.NextLineOffset >= MaxHeaderBytes)
            throw new LakeException($"{source}: line {header.LineNumber} (the header) is longer than {MaxHeaderBytes / (1024 * 1024)} MiB: not a header the lake reads.");
        input.Position = start + header.NextLineOffset;
        return Rows(input, source, delimiter, header);
    }

    private static IEnumerable<CsvRow> Rows(Stream input, string source, char delimiter, CsvHeader header)
    {
        long? unclosed = null;
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,
            TrackLineNumbers = true,
            // A quote inside an unquoted value is text, as DuckDB reads it; text after a closing quote is checked
            // below, per field; a quote that never closes, which would swallow the rest of the file, is refused.
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote) unclosed ??= record.LineNumber;
            },
        };
        var names = header.Names;
        using var rows = CsvReader.Create(input, options, leaveOpen: true);
        while (rows.Read())
        {
            // CsvHelper counts lines from where it starts reading: the line after the header.
            var line = rows.LineNumber + header.LineNumber;
            if (unclosed is not null) throw Unclosed(source, unclosed.Value + header.LineNumber);
            if (rows.FieldCount != names.Count)
                throw new LakeException($"{source}: line {line} has {rows.FieldCount} fields but the header has {names.Count}; fix the row (quote values holding '{delimiter}').");
            var values = new string[rows.FieldCount];
            // The line a field starts on: a quoted value before it may hold line breaks.
            var fieldLine = line;
            for (var i = 0; i < values.Length; i++)
            {
                var raw = rows.GetRawSpan(i);
                if (!Utf8.IsValid(raw)) throw NotUtf8(source, fieldLine, raw, names[i]);
                if (TextAfterClosingQuote(raw) is { } text)
                    throw new LakeException($"{source}: line {fieldLine}, column '{names[i]}': text follows a closing quote ({text}), which the local lake quarantines; quote the whole value, with \"\" for a quote inside it. Nothing from this line on was sent.");
                values[i] = rows.GetString(i);
                fieldLine += LineEnds(raw);
            }
            yield return new CsvRow(line, names, values);
        }
        if (unclosed is not null) throw Unclosed(source, unclosed.Value + header.LineNumber);
    }

    private static LakeException Unclosed(string source, long line) =>
        new($"{source}: line {line}: a quoted field is never closed (a '\"' is missing).");

    private static LakeException NotUtf8(string source, long line, ReadOnlySpan<byte> field, string column)
    {
        Utf8.ToUtf16(field, new char[field.Length], out var valid, out _, replaceInvalidSequences: false);
        return new LakeException($"{source}: line {line + LineEnds(field[..valid])}, column '{column}': byte 0x{field[valid]:X2} is not UTF-8 (the local lake quarantines such a line); save the file as UTF-8. Nothing from this line on was sent.");
    }

    /// <summary>The text after a quoted field's closing quote that is not spaces, quoted for a message; null if none.</summary>
    private static string? TextAfterClosingQuote(ReadOnlySpan<byte> field)
    {
        var at = field.IndexOfAnyExcept((byte)' ', (byte)'\t');
        if (at < 0 || field[at] != '"') return null;
        for (var i = at + 1; i < field.Length; i++)
        {
            if (field[i] != '"') continue;
            if (i + 1 < field.Length && field[i + 1] == '"') { i++; continue; }
            var after = field[(i + 1)..];
            return after.Trim(" \t"u8).IsEmpty ? null : $"'{System.Text.Encoding.UTF8.GetString(field[at..Math.Min(field.Length, i + 21)])}'";
        }
        return null;
    }

    /// <summary>The line ends in <paramref name="bytes"/>: LF, CRLF and a CR alone each end one line.</summary>
    private static int LineEnds(ReadOnlySpan<byte> bytes)
    {
        var lines = 0;
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.Length || bytes[i + 1] != '\n'))) lines++;
        return lines;
    }
}
