using System.IO.Compression;
using System.Text;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Local;

/// <summary>What the first bytes of a raw object say about it.</summary>
public sealed record SniffResult(bool Gzip, IReadOnlyList<string> Header, string? Problem);

/// <summary>
/// Looks at the start of a raw object before DuckDB reads it, so objects that cannot be this dataset's
/// data (empty, binary, wrong delimiter, no contract column) are quarantined whole with a precise reason.
/// </summary>
public static class RawSniffer
{
    private const int SniffBytes = 64 * 1024;
    private const int MaxHeaderBytes = 1024 * 1024;
    private static readonly char[] OtherDelimiters = [';', '\t', '|', ','];

    public static SniffResult Sniff(string path, DatasetContract contract)
    {
        var name = Path.GetFileName(path);
        if (new FileInfo(path).Length == 0) return new SniffResult(false, [], $"{name}: the file is empty (0 bytes)");
        var gzip = IsGzip(path);
        byte[] head;
        try
        {
            head = ReadHead(path, gzip);
        }
        catch (InvalidDataException)
        {
            return new SniffResult(gzip, [], $"{name}: {GzipInput.CorruptData}");
        }
        if (head.Length == 0) return new SniffResult(gzip, [], $"{name}: the file is empty after decompression");
        if (Array.IndexOf(head, (byte)0) >= 0) return new SniffResult(gzip, [], $"{name}: binary content (NUL bytes), not {contract.Format.Type.ToUpperInvariant()} text");
        if (contract.Format.Type == "jsonl") return new SniffResult(gzip, [], null);

        var text = Encoding.UTF8.GetString(head);
        if (head.Length >= MaxHeaderBytes && text.IndexOfAny(LineEnds) < 0)
            return new SniffResult(gzip, [], $"{name}: line 1 (the header) is longer than {MaxHeaderBytes / (1024 * 1024)} MiB: not a header the lake reads");
        // The header ends at LF, CRLF or a CR alone (old Mac files), as DuckDB's reader ends lines.
        var firstLine = text.Split(LineEnds)[0].TrimStart('\uFEFF');
        var delimiter = contract.Format.Delimiter[0];
        var header = SplitHeader(firstLine, delimiter, out var strayQuote);
        if (strayQuote is { } at)
            return new SniffResult(gzip, header, $"{name}: line 1 (the header) has a stray quote (\") at character {at + 1} ({Excerpt(firstLine, at)}): a quote may only enclose a whole column name, as in \"name\", with \"\" for a quote inside it");
        var expected = contract.Columns.Select(c => c.Source).ToList();
        var known = header.Intersect(expected, StringComparer.OrdinalIgnoreCase).Count();
        if (header.Count == 1 && expected.Count > 1)
        {
            var other = OtherDelimiters.Where(d => d != delimiter && firstLine.Contains(d)).Select(d => d == '\t' ? "tab" : $"'{d}'").FirstOrDefault();
            return new SniffResult(gzip, header, $"{name}: line 1 has a single column" + (other is null ? "" : $"; it looks {other}-delimited") + $", but the {contract.Name} contract reads '{DelimiterName(delimiter)}'-delimited CSV with a header row");
        }
        if (known == 0) return new SniffResult(gzip, header, $"{name}: line 1 (the header) names none of the {contract.Name} contract's source columns ({string.Join(", ", expected.Take(5))}, ...): not a {contract.Name} file");
        var unknown = header.Where(h => !expected.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0 && contract.UnknownColumns == "fail")
            return new SniffResult(gzip, header, $"{name}: line 1 has columns the contract does not name ({string.Join(", ", unknown)}) and unknown_columns is 'fail'");
        return new SniffResult(gzip, header, null);
    }

    private static readonly char[] LineEnds = ['\n', '\r'];

    private static string Excerpt(string line, int at)
    {
        var from = Math.Max(0, at - 20);
        return $"'{line[from..Math.Min(line.Length, at + 21)]}'";
    }

    private static string DelimiterName(char d) => d == '\t' ? "tab" : d.ToString();

    private static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        return file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
    }

    // The first 64 KiB, and on until the header line ends: a wide file's header (5,000 columns) is longer, and
    // contract columns after 64 KiB were reported missing. The Glue job reads headers up to 1 MiB as well.
    private static byte[] ReadHead(string path, bool gzip)
    {
        using var file = File.OpenRead(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        var buffer = new byte[SniffBytes];
        var total = 0;
        int read;
        while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
            if (total < buffer.Length) continue;
            if (buffer.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') >= 0 || buffer.Length >= MaxHeaderBytes) break;
            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxHeaderBytes));
        }
        return buffer[..total];
    }

    // A header row seldom needs full CSV rules: split on the delimiter outside quotes, unquote. A quote that does not
    // enclose a whole name (one inside a name, one after a closing quote, one never closed) is where strayQuote points:
    // DuckDB would read the rest of the file into that name and report too many columns.
    private static List<string> SplitHeader(string line, char delimiter, out int? strayQuote)
    {
        var names = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var closed = false;
        int? opened = null;
        strayQuote = null;
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
        return names;
    }
}
