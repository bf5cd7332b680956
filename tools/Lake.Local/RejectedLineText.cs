using System.Text.Json;

namespace SocarDataLake.Local;

/// <summary>
/// DuckDB gives the text of a line it rejects as not UTF-8 in its own rendering, each invalid byte a '?' that can
/// eat the delimiter after it (`,\xE9,41` came out as `,??41`); such a line's record gets its text from the file.
/// </summary>
internal static class RejectedLineText
{
    public static void Restore(string csv, string rejectFile)
    {
        if (!File.Exists(rejectFile)) return;
        var records = File.ReadAllLines(rejectFile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l)).ToList();
        try
        {
            var wanted = records.Select(NotUtf8Line).Where(l => l > 0).ToHashSet();
            if (wanted.Count == 0) return;
            var lines = ReadLines(csv, wanted);
            using var output = File.Create(rejectFile);
            using var json = new Utf8JsonWriter(output);
            foreach (var record in records)
            {
                var line = NotUtf8Line(record);
                json.WriteStartObject();
                foreach (var property in record.RootElement.EnumerateObject())
                {
                    if (line > 0 && property.NameEquals("raw_line") && lines.TryGetValue(line, out var bytes)) RawLineText.Write(json, bytes);
                    else property.WriteTo(json);
                }
                json.WriteEndObject();
                json.Flush();
                output.WriteByte((byte)'\n');
                json.Reset();
            }
        }
        finally
        {
            foreach (var record in records) record.Dispose();
        }
    }

    private static long NotUtf8Line(JsonDocument record) =>
        record.RootElement.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number
        && record.RootElement.GetProperty("reason").GetString()?.Contains("INVALID ENCODING", StringComparison.Ordinal) == true
            ? line.GetInt64() : 0;

    // Lines end at LF, CRLF or a CR alone, as DuckDB's reader (and CsvLineAudit) end them.
    private static Dictionary<long, byte[]> ReadLines(string csv, HashSet<long> wanted)
    {
        var found = new Dictionary<long, byte[]>();
        using var file = new BufferedStream(File.OpenRead(csv), 1 << 16);
        var current = new MemoryStream();
        long line = 1;
        int b, held = -1;
        while (found.Count < wanted.Count && (b = held >= 0 ? held : file.ReadByte()) >= 0)
        {
            held = -1;
            if (b == '\r')
            {
                var next = file.ReadByte();
                if (next != '\n') held = next;
                b = '\n';
            }
            if (b == '\n')
            {
                if (wanted.Contains(line)) found[line] = current.ToArray();
                current.SetLength(0);
                line++;
                continue;
            }
            if (wanted.Contains(line)) current.WriteByte((byte)b);
        }
        if (wanted.Contains(line) && current.Length > 0) found.TryAdd(line, current.ToArray());
        return found;
    }
}
