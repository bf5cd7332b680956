using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SocarDataLake.Local;

/// <summary>A physical line the audit takes out of DuckDB's way, and why.</summary>
internal sealed record AuditedLine(long Line, long Offset, long Length, string Reason);

/// <summary>
/// Walks a CSV file once, with the quoting rules DuckDB reads it by (RFC 4180: a field that starts with a quote
/// runs to the closing quote, newlines included), before DuckDB reads it, and takes out the lines DuckDB would
/// lose. A stray quote made DuckDB read the rest of a 320,000-row file as one value and drop about 84,600 rows;
/// a line longer than its buffer vanished without a reject. Such a line becomes one quarantined row with its whole
/// text (or its byte range), and reading resumes at the next line, so every other line is still a row. DuckDB
/// then reads a copy with those lines left empty: it skips empty lines, so its own line numbers stay the file's.
/// </summary>
internal static class CsvLineAudit
{
    /// <summary>DuckDB's max_line_size default: the longest line its CSV reader takes.</summary>
    public const int MaxLineBytes = 2 * 1024 * 1024;

    // A quarantine record holds the line's text up to this size; a longer line is named by its byte range.
    private const int MaxTextInRecord = 1024 * 1024;

    // After this many stray quotes the file is no CSV worth resuming in: the rest is one quarantined span.
    private const int MaxResumes = 1000;

    /// <summary>
    /// The lines taken out, written to <paramref name="records"/> as quarantine records; when there are any, the file
    /// DuckDB should read instead is written to <paramref name="cleaned"/>.
    /// </summary>
    public static IReadOnlyList<AuditedLine> Run(string path, byte delimiter, int headerFields, string rawKey, string cleaned, string records)
    {
        var lines = Scan(path, delimiter, headerFields);
        if (lines.Count == 0) return lines;
        WriteCleanedCopy(path, lines, cleaned);
        WriteRecords(path, lines, rawKey, records);
        return lines;
    }

    private static readonly SearchValues<byte> QuoteOrNewline = SearchValues.Create("\"\n"u8);

    private static List<AuditedLine> Scan(string path, byte delimiter, int headerFields)
    {
        var found = new List<AuditedLine>();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var scanner = new Scanner(file, delimiter, headerFields);
        while (scanner.Next() is { } record)
        {
            if (record.LongLine is { } longLine)
            {
                found.Add(new AuditedLine(longLine.Line, longLine.Offset, longLine.Length,
                    $"line {longLine.Line}: the line is {longLine.Length:N0} bytes, longer than the {MaxLineBytes / (1024 * 1024)} MiB a CSV line may have; it is quarantined whole (bytes {longLine.Offset:N0} to {longLine.Offset + longLine.Length:N0} of the text, after any gzip decompression)"));
                scanner.ResumeAfter(longLine.Line, longLine.Offset + longLine.Length + 1);
                continue;
            }
            var broken = record.Lines > 1 && (record.OpenAtEnd || record.SwallowsRows || record.Fields != headerFields);
            if (!broken) continue;
            var why = record.OpenAtEnd
                ? $"a quote opened here never closes: read as CSV it would swallow lines {record.Line} to {record.LastLine} ({record.Lines:N0} lines) into one value"
                : record.SwallowsRows
                    ? $"a quote opened here would swallow lines {record.Line} to {record.LastLine} into one value, and they hold whole rows"
                    : $"a quoted value starting here runs over lines {record.Line} to {record.LastLine} and leaves a row of {record.Fields} fields where the header has {headerFields}";
            if (found.Count >= MaxResumes)
            {
                found.Add(new AuditedLine(record.Line, record.Offset, record.End - record.Offset,
                    $"line {record.Line}: {why}; after {MaxResumes} such lines the rest of the file is quarantined as this one span"));
                break;
            }
            found.Add(new AuditedLine(record.Line, record.Offset, record.FirstLineLength,
                $"line {record.Line}: {why}; this line is quarantined and line {record.Line + 1} is read again as a row"));
            scanner.ResumeAfter(record.Line, record.Offset + record.FirstLineLength + 1);
        }
        return found;
    }

    private static void WriteCleanedCopy(string path, IReadOnlyList<AuditedLine> lines, string cleaned)
    {
        using var source = File.OpenRead(path);
        using var target = File.Create(cleaned);
        foreach (var line in lines)
        {
            Copy(source, target, line.Offset - source.Position);
            source.Seek(Math.Min(line.Length, source.Length - line.Offset), SeekOrigin.Current);
        }
        source.CopyTo(target);
    }

    private static void WriteRecords(string path, IReadOnlyList<AuditedLine> lines, string rawKey, string records)
    {
        using var source = File.OpenRead(path);
        using var output = File.Create(records);
        using var json = new Utf8JsonWriter(output);
        foreach (var line in lines)
        {
            // The same shape as the lines DuckDB rejects, plus where the line lies in the object.
            json.WriteStartObject();
            json.WriteString("raw_object", rawKey);
            json.WriteNull("row");
            json.WriteNumber("line", line.Line);
            json.WriteString("reason", line.Reason);
            if (line.Length <= MaxTextInRecord)
            {
                var bytes = new byte[line.Length];
                source.Seek(line.Offset, SeekOrigin.Begin);
                source.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                json.WriteString("raw_line", Encoding.UTF8.GetString(bytes).TrimEnd('\r'));
            }
            else
            {
                json.WriteNull("raw_line");
            }
            json.WriteNumber("byte_offset", line.Offset);
            json.WriteNumber("byte_length", line.Length);
            json.WriteEndObject();
            json.Flush();
            output.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    private static void Copy(Stream source, Stream target, long count)
    {
        var buffer = new byte[1 << 16];
        while (count > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0) return;
            target.Write(buffer, 0, read);
            count -= read;
        }
    }

    private readonly record struct LongLine(long Line, long Offset, long Length);

    /// <param name="SwallowsRows">A line inside one of its quoted values has as many delimiters as a whole row.</param>
    private sealed record Record(long Line, long Offset, long End, int Lines, int Fields, bool OpenAtEnd, bool SwallowsRows, long FirstLineLength, LongLine? LongLine)
    {
        public long LastLine => Line + Lines - 1;
    }

    /// <summary>Yields the records of the file (the header first) with where they lie and how many fields they have.</summary>
    private sealed class Scanner(FileStream file, byte delimiter, int headerFields)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _length, _at;
        private long _bufferStart;
        private long _line = 1;

        private long Position => _bufferStart + _at;

        public void ResumeAfter(long line, long offset)
        {
            _line = line + 1;
            file.Seek(offset, SeekOrigin.Begin);
            _bufferStart = offset;
            _length = _at = 0;
        }

        public Record? Next()
        {
            if (!Fill()) return null;
            long start = Position, line = _line, lineStart = start, firstLineLength = -1;
            int lines = 1, fields = 1, quotedDelimiters = 0;
            bool quoted = false, fieldStart = true, swallows = false;
            while (Fill())
            {
                // Only quotes and line ends stop the scan (a vectorised search); delimiters are counted in bulk.
                var span = _buffer.AsSpan(_at, _length - _at);
                var hit = span.IndexOfAny(QuoteOrNewline);
                var skipped = span[..(hit < 0 ? span.Length : hit)];
                var delimiters = skipped.Count(delimiter);
                if (quoted) quotedDelimiters += delimiters;
                else
                {
                    fields += delimiters;
                    if (skipped.Length > 0) fieldStart = skipped[^1] == delimiter;
                }
                if (hit < 0) { _at = _length; continue; }
                _at += hit + 1;
                if (span[hit] == (byte)'"')
                {
                    if (!quoted) { quoted = fieldStart; fieldStart = false; quotedDelimiters = 0; continue; }
                    // "" inside quotes is one quote character; any other quote closes the value.
                    if (Fill() && _buffer[_at] == (byte)'"') _at++;
                    else quoted = false;
                    continue;
                }
                if (!quoted)
                {
                    var tooLong = NewLine(ref lineStart, ref firstLineLength, ref lines);
                    return new Record(line, start, Position - 1, lines - 1, fields, false, swallows, firstLineLength, tooLong);
                }
                // A legitimate value may hold line breaks; a line inside it shaped like a whole row means a
                // stray quote is reading the file's rows as one value.
                if (lines > 1 && headerFields > 1 && quotedDelimiters >= headerFields - 1) swallows = true;
                quotedDelimiters = 0;
                if (NewLine(ref lineStart, ref firstLineLength, ref lines) is { } longLineInValue)
                    return new Record(line, start, Position, lines, fields, false, swallows, firstLineLength, longLineInValue);
            }
            var last = Position - lineStart > MaxLineBytes ? new LongLine(_line, lineStart, Position - lineStart) : (LongLine?)null;
            // A file that ends with a line end has no line after it.
            var count = Position == lineStart ? lines - 1 : lines;
            return new Record(line, start, Position, count, fields, quoted, swallows, firstLineLength < 0 ? Position - start : firstLineLength, last);
        }

        // A line ended (at the byte before _at): a line longer than DuckDB reads is reported on its own.
        private LongLine? NewLine(ref long lineStart, ref long firstLineLength, ref int lines)
        {
            var length = Position - 1 - lineStart;
            if (firstLineLength < 0) firstLineLength = length;
            var number = _line++;
            var tooLong = length > MaxLineBytes ? new LongLine(number, lineStart, length) : (LongLine?)null;
            lineStart = Position;
            lines++;
            return tooLong;
        }

        private bool Fill()
        {
            if (_at < _length) return true;
            _bufferStart += _length;
            _length = file.Read(_buffer, 0, _buffer.Length);
            _at = 0;
            return _length > 0;
        }
    }
}
