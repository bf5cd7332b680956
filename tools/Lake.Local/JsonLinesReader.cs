using System.Text;
using System.Text.Json;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Local;

/// <summary>What reading a JSON-lines object left: the typed input for DuckDB and the lines it could not read.</summary>
internal sealed record JsonLinesResult(long GoodLines, long BadLines, long BlankLines, IReadOnlySet<string> PresentSources);

/// <summary>
/// Reads a JSON-lines raw object one line at a time and writes, for DuckDB, one object per good line whose
/// values are the texts in the file under the contract's source names (plus <see cref="LineColumn"/>), so the
/// typing plan decides every value as it does for CSV: DuckDB's own reader inferred types, kept quotes around
/// strings in a column that also held objects, and failed the whole file on one bad line. A line that is not
/// one JSON object in UTF-8 is a bad row of its own, with its line number and its text.
/// </summary>
internal static class JsonLinesReader
{
    public const string LineColumn = "__line";

    // A Firehose record is at most 1,000 KiB; far longer lines are kept out of memory and quarantined.
    public const int MaxLineBytes = 32 * 1024 * 1024;

    /// <summary>How deep a line's values may nest; a deeper line is a bad row (and the crawler infers no deeper).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions Strict = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth };

    public static JsonLinesResult Convert(Stream raw, DatasetContract contract, string rawKey, string typedInput, string rejectedLines)
    {
        // The contract's source names are matched case-insensitively (contract.schema.json), and written under
        // the contract's spelling.
        var sources = contract.Columns.Select(c => c.Source).Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(s => s, s => s, StringComparer.OrdinalIgnoreCase);
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long good = 0, bad = 0, blank = 0;
        using var typedFile = File.Create(typedInput);
        using var rejectFile = File.Create(rejectedLines);
        using var typed = new Utf8JsonWriter(typedFile);
        using var rejects = new Utf8JsonWriter(rejectFile);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in RawLines.Read(raw, MaxLineBytes))
        {
            var bytes = line.Bytes.Span;
            if (line.Number == 1 && bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..]; // a byte order mark starts the file, not the object
            if (!line.TooLong && bytes.Trim(" \t"u8).IsEmpty)
            {
                blank++; // no row, but counted: every line of the file is accounted for
                continue;
            }
            values.Clear();
            var problem = line.TooLong
                ? $"the line is {line.Length:N0} bytes, longer than the {MaxLineBytes / (1024 * 1024)} MiB a JSON line may have; its bytes start at offset {line.Offset:N0} of the raw object"
                : ReadObject(bytes, sources, values);
            if (problem is null)
            {
                typed.WriteStartObject();
                typed.WriteNumber(LineColumn, line.Number);
                foreach (var (name, value) in values)
                {
                    typed.WriteString(name, value);
                    present.Add(name);
                }
                typed.WriteEndObject();
                typed.Flush();
                typedFile.WriteByte((byte)'\n');
                typed.Reset();
                good++;
            }
            else
            {
                // The same record shape as the lines the CSV reader rejects.
                rejects.WriteStartObject();
                rejects.WriteString("raw_object", rawKey);
                rejects.WriteNull("data_row");
                rejects.WriteNumber("line", line.Number);
                rejects.WriteString("reason", $"line {line.Number}: {problem}");
                RawLineText.Write(rejects, bytes);
                rejects.WriteEndObject();
                rejects.Flush();
                rejectFile.WriteByte((byte)'\n');
                rejects.Reset();
                bad++;
            }
        }
        return new JsonLinesResult(good, bad, blank, present);
    }

    /// <summary>The contract fields of one line as their texts, or why the line is no JSON object.</summary>
    private static string? ReadObject(ReadOnlySpan<byte> line, Dictionary<string, string> sources, Dictionary<string, string?> values)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line)) return $"not UTF-8 text (an invalid byte at byte {InvalidUtf8At(line) + 1})";
        var reader = new Utf8JsonReader(line, Strict);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) return $"a JSON {Kind(reader.TokenType)}, not an object: each line must be one JSON object";
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                var text = Text(ref reader, line);
                if (!sources.TryGetValue(key, out var source)) continue;
                if (seen.TryGetValue(source, out var earlier))
                    return $"the keys '{earlier}' and '{key}' both name the source column '{source}' (names are matched ignoring case)";
                seen[source] = key;
                values[source] = text;
            }
            while (reader.Read()) { } // anything after the object is an error the reader raises
            return null;
        }
        catch (JsonException e) when (reader.CurrentDepth >= MaxDepth)
        {
            return $"nested deeper than {MaxDepth} levels (at byte {e.BytePositionInLine + 1}): the lake reads JSON values nested at most {MaxDepth} deep";
        }
        catch (JsonException e)
        {
            return $"malformed JSON at byte {e.BytePositionInLine + 1}: {WithoutPosition(e.Message)}";
        }
        catch (InvalidOperationException e)
        {
            // GetString refuses a string escape that is half a UTF-16 pair ("\ud800"): no text can hold it.
            return $"a string that is not valid text: {e.Message}";
        }
    }

    // Every value as the text it is in the line: a number keeps its digits ('1.50', '1e300'), an object or an array
    // its JSON, a string its characters; null is no value.
    private static string? Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]);
            default:
                return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        _ => "null",
    };

    // System.Text.Json ends its messages with "LineNumber: 0 | BytePositionInLine: 12.": the lake names the line itself.
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).Replace(" which is not supported in this mode. Change the reader options.", "; JSON allows none.", StringComparison.Ordinal).TrimEnd();
    }

    private static int InvalidUtf8At(ReadOnlySpan<byte> line)
    {
        var at = 0;
        while (at < line.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(line[at..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return at;
            at += consumed;
        }
        return at;
    }
}
