using System.IO.Compression;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Csv;

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

        if (head.Length >= MaxHeaderBytes && head.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') < 0)
            return new SniffResult(gzip, [], $"{name}: line 1 (the header) is longer than {MaxHeaderBytes / (1024 * 1024)} MiB: not a header the lake reads");
        // The header ends at LF, CRLF or a CR alone (old Mac files), as DuckDB's reader ends lines.
        var delimiter = contract.Format.Delimiter[0];
        var read = CsvHeader.Locate(head, delimiter);
        var (firstLine, header) = (read.Line, read.Names.ToList());
        if (read.Problem is { } problem) return new SniffResult(gzip, header, $"{name}: {problem}");
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
}
