using System.Text.Json;

namespace SocarDataLake.Local;

/// <summary>
/// DuckDB gives the text of a line it rejects as not UTF-8 in its own rendering, each invalid byte a '?' that can
/// eat the delimiter after it (`,\xE9,41` came out as `,??41`); such a line's record gets its text from the file.
/// </summary>
internal static class RejectedLineText
{
    /// <param name="spans">The number of lines of each rejected record that spans several (a quoted value over lines), by its first line.</param>
    public static void Restore(string csv, string rejectFile, IReadOnlyDictionary<long, int> spans)
    {
        if (!File.Exists(rejectFile)) return;
        var records = File.ReadAllLines(rejectFile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l)).ToList();
        try
        {
            var wanted = records.Select(NotUtf8Line).Where(l => l > 0).ToHashSet();
            if (wanted.Count == 0) return;
            var lines = ReadLines(csv, wanted, spans);
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

    // Lines end at LF, CRLF or a CR alone, as DuckDB's reader (and CsvLineAudit) end them. A record over several
    // lines is their text joined by LF, so no line of it is lost.
    private static Dictionary<long, byte[]> ReadLines(string csv, HashSet<long> wanted, IReadOnlyDictionary<long, int> spans)
    {
        var firstLineOf = new Dictionary<long, long>();
        foreach (var start in wanted)
            for (var n = 0; n < spans.GetValueOrDefault(start, 1); n++) firstLineOf[start + n] = start;
        var found = new Dictionary<long, MemoryStream>();
        using var file = new BufferedStream(File.OpenRead(csv), 1 << 16);
        long line = 1, last = firstLineOf.Keys.DefaultIfEmpty(0).Max();
        int b, held = -1;
        void Add(long at, int value)
        {
            if (!firstLineOf.TryGetValue(at, out var start)) return;
            if (!found.TryGetValue(start, out var text)) found[start] = text = new MemoryStream();
            if (value >= 0) text.WriteByte((byte)value);
        }
        Add(line, -1);
        while (line <= last && (b = held >= 0 ? held : file.ReadByte()) >= 0)
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
                line++;
                if (firstLineOf.TryGetValue(line, out var start) && start != line) Add(line, '\n');
                else Add(line, -1);
                continue;
            }
            Add(line, b);
        }
        return found.ToDictionary(f => f.Key, f => f.Value.ToArray());
    }
}
