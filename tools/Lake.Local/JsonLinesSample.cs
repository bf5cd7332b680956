using System.IO.Compression;
using System.Text.Json;

namespace SocarDataLake.Local;

/// <summary>
/// The lines of a JSON-lines raw object the crawler lets DuckDB infer a schema from: the first ones that are JSON
/// objects nested at most <see cref="JsonLinesReader.MaxDepth"/> deep, copied as they are. DuckDB's schema
/// detection walks a value recursively to its full depth (its maximum_depth option only caps the types it reports),
/// so one line nested 100,000 levels deep overflowed the stack and hung `lake ingest`; such a line never reaches
/// DuckDB, and the ETL quarantines it as a bad row with its line number.
/// </summary>
internal static class JsonLinesSample
{
    /// <summary>DuckDB's read_json samples this many lines by default; the crawler looks at no more.</summary>
    public const int Lines = 20_480;

    private static readonly JsonReaderOptions Bounded = new() { MaxDepth = JsonLinesReader.MaxDepth };

    /// <summary>Writes the sample to <paramref name="target"/>; returns how many lines it holds.</summary>
    public static int Write(string path, bool gzip, string target)
    {
        using var file = File.OpenRead(path);
        using Stream raw = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var output = File.Create(target);
        var taken = 0;
        foreach (var line in RawLines.Read(raw, JsonLinesReader.MaxLineBytes))
        {
            if (line.TooLong) continue;
            var bytes = line.Bytes.Span;
            if (line.Number == 1 && bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
            if (!IsBoundedObject(bytes)) continue;
            output.Write(bytes);
            output.WriteByte((byte)'\n');
            if (++taken == Lines) break;
        }
        return taken;
    }

    private static bool IsBoundedObject(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, Bounded);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            reader.Skip();
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
