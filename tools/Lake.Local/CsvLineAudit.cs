using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace SocarDataLake.Local;

/// <summary>A physical line the audit takes out of DuckDB's way, and why.</summary>
internal sealed record AuditedLine(long Line, long Offset, long Length, string Reason);

/// <summary>What the audit found: the lines it took out, the blank lines (which DuckDB skips, and are no rows), and where DuckDB's records lie.</summary>
/// <param name="Cleaned">DuckDB must read the cleaned copy: lines were taken out, or line ends rewritten.</param>
internal sealed record CsvAudit(IReadOnlyList<AuditedLine> Lines, long BlankLines, bool Cleaned, CsvRecordMap Map);

/// <summary>
/// Walks a CSV file once, with the quoting rules DuckDB reads it by (RFC 4180: a field that starts with a quote
/// runs to the closing quote, newlines included; plus DuckDB's own leniencies, found by trying them), before DuckDB
/// reads it, and takes out the lines DuckDB would lose. A stray quote made DuckDB read the rest of a 320,000-row file as one value and drop about 84,600 rows;
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
    public static CsvAudit Run(string path, byte delimiter, int headerFields, string rawKey, string cleaned, string records, string recordMap)
    {
        var map = new CsvRecordMap(recordMap);
        List<AuditedLine> lines;
        long blank;
        List<LineEndEdit> lineEnds;
        using (var writer = new CsvRecordMap.Writer(map))
            (lines, blank, lineEnds) = Scan(path, delimiter, headerFields, writer);
        if (lines.Count == 0 && lineEnds.Count == 0) return new CsvAudit(lines, blank, false, map);
        WriteCleanedCopy(path, lines, lineEnds, cleaned);
        if (lines.Count > 0) WriteRecords(path, lines, rawKey, records);
        return new CsvAudit(lines, blank, true, map);
    }

    // A line ends at LF, CRLF or a CR alone, as DuckDB's reader ends lines (a CR-only file was one long line here).
    private static readonly SearchValues<byte> QuoteOrLineEnd = SearchValues.Create("\"\n\r"u8);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    // The hot loops are compiled optimized from their first call: the tiered JIT's quick first version ran a 1M-row
    // file at half the speed, since a run is over before the background recompilation catches up.
    private static (List<AuditedLine> Lines, long Blank, List<LineEndEdit> LineEnds) Scan(string path, byte delimiter, int headerFields, CsvRecordMap.Writer map)
    {
        var found = new List<AuditedLine>();
        long blank = 0;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var scanner = new Scanner(file, delimiter, headerFields);
        while (scanner.Next() is { } record)
        {
            if (record.LongLine is { } longLine && longLine.Line == record.Line)
            {
                found.Add(new AuditedLine(longLine.Line, longLine.Offset, longLine.Length,
                    $"line {longLine.Line}: the line is {longLine.Length:N0} bytes, longer than the {MaxLineBytes / (1024 * 1024)} MiB a CSV line may have; it is quarantined whole (bytes {longLine.Offset:N0} to {longLine.Offset + longLine.Length:N0} of the text, after any gzip decompression)"));
                map.Record(row: false, lines: 1);
                scanner.ResumeAfter(longLine.Line, longLine.Offset + longLine.Length);
                continue;
            }
            if (record.Blank) blank++;
            // A record over several lines is one row only when DuckDB reads it as one and nothing in it looks like a
            // stray quote; otherwise its first line is quarantined and each line after it is read again on its own,
            // so no line can vanish inside another's value, whatever it holds.
            var broken = record.Lines > 1 && (record.OpenAtEnd || record.LongLine is not null || record.StrayAfterClose > 0 || record.SwallowsRows || record.Fields != headerFields);
            if (!broken)
            {
                map.Record(row: !record.Blank, lines: record.Lines);
                continue;
            }
            var why = record.OpenAtEnd
                ? $"a quote opened here never closes: read as CSV it would swallow lines {record.Line} to {record.LastLine} ({record.Lines:N0} lines) into one value"
                : record.LongLine is { } inValue
                    ? $"a quoted value starting here runs into line {inValue.Line}, longer than the {MaxLineBytes / (1024 * 1024)} MiB a CSV line may have"
                    : record.StrayAfterClose > 0
                        ? $"a quote opened here would read lines {record.Line} to {record.LastLine} as one value, and on line {record.StrayAfterClose} text follows a closing quote, so DuckDB would reject them all as one row"
                        : record.SwallowsRows
                            ? $"a quote opened here would swallow lines {record.Line} to {record.LastLine} into one value, and they hold lines shaped like rows (more than half of the header's {headerFields} fields)"
                            : $"a quoted value starting here runs over lines {record.Line} to {record.LastLine} and leaves a row of {record.Fields} fields where the header has {headerFields}";
            map.Record(row: false, lines: 1);
            if (found.Count >= MaxResumes)
            {
                found.Add(new AuditedLine(record.Line, record.Offset, record.End - record.Offset,
                    $"line {record.Line}: {why}; after {MaxResumes} such lines the rest of the file is quarantined as this one span"));
                break;
            }
            found.Add(new AuditedLine(record.Line, record.Offset, record.FirstLineLength,
                $"line {record.Line}: {why}; this line is quarantined and line {record.Line + 1} is read again as a row"));
            scanner.ResumeAfter(record.Line, record.Offset + record.FirstLineLength);
        }
        return (found, blank, scanner.LineEndEdits());
    }

    // The copy DuckDB reads: quarantined lines left empty (their line ends stay, so DuckDB's line numbers stay the
    // file's), and, in a file mixing line ends, every line end made LF: DuckDB reads LF, CRLF or CR files, but one mixing
    // them (a CRLF blank line among LF lines, CR with LF) made its reader fail ("state machine reached an invalid state").
    private static void WriteCleanedCopy(string path, List<AuditedLine> lines, List<LineEndEdit> edits, string cleaned)
    {
        using var source = File.OpenRead(path);
        using var target = File.Create(cleaned);
        var buffer = new byte[1 << 16];
        int line = 0, edit = 0, read;
        long start = 0;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            var at = 0;
            while (at < read)
            {
                var position = start + at;
                while (line < lines.Count && lines[line].Offset + lines[line].Length <= position) line++;
                if (line < lines.Count && position >= lines[line].Offset)
                {
                    // A CRLF line's length holds its CR. Unless every line end becomes LF, the CR stays with its LF: an
                    // emptied line of a CRLF file would end in a bare LF, and DuckDB's strict reader refuses a file mixing them.
                    var end = lines[line].Offset + lines[line].Length;
                    var keepCr = edits.Count == 0;
                    if (keepCr && position == end - 1)
                    {
                        if (buffer[at] == (byte)'\r') target.WriteByte((byte)'\r');
                        at++;
                        continue;
                    }
                    at += (int)Math.Min(read - at, (keepCr ? end - 1 : end) - position);
                    continue;
                }
                while (edit < edits.Count && edits[edit].Position < position) edit++;
                if (edit < edits.Count && edits[edit].Position == position)
                {
                    if (!edits[edit].Drop) target.WriteByte((byte)'\n');
                    at++;
                    continue;
                }
                var until = Math.Min(line < lines.Count ? lines[line].Offset : long.MaxValue, edit < edits.Count ? edits[edit].Position : long.MaxValue);
                var count = (int)Math.Min(read - at, until - position);
                target.Write(buffer, at, count);
                at += count;
            }
            start += read;
        }
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
            json.WriteNull("data_row");
            json.WriteNumber("line", line.Line);
            json.WriteString("reason", line.Reason);
            if (line.Length <= MaxTextInRecord)
            {
                var bytes = new byte[line.Length];
                source.Seek(line.Offset, SeekOrigin.Begin);
                source.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                RawLineText.Write(json, bytes.AsSpan().TrimEnd((byte)'\r'));
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

    /// <summary>A CR outside quotes the cleaned copy drops (the CR of a CRLF) or turns into LF (a CR alone).</summary>
    private readonly record struct LineEndEdit(long Position, bool Drop);

    /// <param name="SwallowsRows">A line inside one of its quoted values has, read alone, more than half the header's fields.</param>
    /// <param name="StrayAfterClose">The line where text other than spaces follows a closing quote, which DuckDB rejects the record for; 0 if none.</param>
    /// <param name="Blank">One line with nothing on it (not even a quote or a delimiter).</param>
    private readonly record struct Record(long Line, long Offset, long End, int Lines, int Fields, bool OpenAtEnd, bool SwallowsRows, long FirstLineLength, LongLine? LongLine, long StrayAfterClose = 0, bool Blank = false)
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

        // Where CRs end lines outside quotes, alone or before an LF, and whether an LF ended one alone.
        private readonly List<long> _loneCrs = [];
        private readonly List<long> _crlfs = [];
        private bool _bareLf;

        /// <summary>The edits that make every line end LF, when the file mixes them; none when it uses one kind.</summary>
        public List<LineEndEdit> LineEndEdits()
        {
            var kinds = (_loneCrs.Count > 0 ? 1 : 0) + (_crlfs.Count > 0 ? 1 : 0) + (_bareLf ? 1 : 0);
            if (kinds < 2) return [];
            return [.. _loneCrs.Select(p => new LineEndEdit(p, false)).Concat(_crlfs.Select(p => new LineEndEdit(p, true))).DistinctBy(e => e.Position).OrderBy(e => e.Position)];
        }

        /// <summary>Reads on after the line end at <paramref name="lineEnd"/> (LF, or a CR alone) of a quarantined line.</summary>
        public void ResumeAfter(long line, long lineEnd)
        {
            file.Seek(lineEnd, SeekOrigin.Begin);
            var end = file.ReadByte();
            if (end == '\r') _loneCrs.Add(lineEnd);
            else if (end == '\n' && lineEnd > 0 && !Preceded(lineEnd)) _bareLf = true;
            var offset = lineEnd + 1;
            _line = line + 1;
            file.Seek(offset, SeekOrigin.Begin);
            _bufferStart = offset;
            _length = _at = 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Record? Next()
        {
            if (!Fill()) return null;
            long start = Position, line = _line, lineStart = start, firstLineLength = -1, strayAfterClose = 0;
            int lines = 1, fields = 1, quotedDelimiters = 0, openedOnLine = 1;
            // DuckDB opens a quoted value at the start of a field or after one space there (`a, "b"`, not `a,  "b"`):
            // fieldStart is 0 at a field's start, 1 after that one space, -1 elsewhere.
            var fieldStart = 0;
            bool quoted = false, closed = false, strayInField = false, swallows = false, crBeforeLf = false, sawQuote = false, pendingCr = false;
            while (Fill())
            {
                // Only quotes and line ends stop the scan (a vectorised search); delimiters are counted in bulk.
                var span = _buffer.AsSpan(_at, _length - _at);
                var hit = span.IndexOfAny(QuoteOrLineEnd);
                var skipped = span[..(hit < 0 ? span.Length : hit)];
                var delimiters = skipped.Count(delimiter);
                if (quoted) quotedDelimiters += delimiters;
                else if (skipped.Length > 0)
                {
                    fields += delimiters;
                    var first = delimiters > 0 ? skipped.IndexOf(delimiter) : skipped.Length;
                    // After a closing quote DuckDB takes only spaces before the delimiter or the line end.
                    if (closed && skipped[..first].IndexOfAnyExcept((byte)' ') >= 0)
                    {
                        strayInField = true;
                        if (strayAfterClose == 0) strayAfterClose = _line;
                    }
                    if (delimiters > 0) closed = strayInField = false;
                    var tail = delimiters > 0 ? skipped[(skipped.LastIndexOf(delimiter) + 1)..] : skipped;
                    var before = delimiters > 0 ? 0 : fieldStart;
                    fieldStart = tail.IsEmpty ? before : before == 0 && tail is [(byte)' '] ? 1 : -1;
                }
                if (hit < 0) { _at = _length; continue; }
                var hitByte = span[hit];
                var crlf = pendingCr && hit == 0 && hitByte == (byte)'\n';
                pendingCr = false;
                _at += hit + 1;
                if (span[hit] == (byte)'\r')
                {
                    // CR LF is one line end (the LF ends the line, and the CR is counted in its length, as before);
                    // a CR alone ends a line itself.
                    if (Fill() && _buffer[_at] == (byte)'\n')
                    {
                        crBeforeLf = !quoted && skipped.Length == 0 && Position - 1 == lineStart;
                        if (!quoted) _crlfs.Add(Position - 1);
                        pendingCr = true;
                        continue;
                    }
                    if (!quoted) _loneCrs.Add(Position - 1);
                }
                else if (span[hit] == (byte)'"')
                {
                    sawQuote = true;
                    if (!quoted)
                    {
                        // DuckDB reads a quote after a closed value and spaces as more of that value (as it reads ""),
                        // after a stray character as a character.
                        quoted = closed ? !strayInField : fieldStart >= 0;
                        if (quoted && !closed)
                        {
                            quotedDelimiters = 0;
                            openedOnLine = lines;
                        }
                        closed = false;
                        fieldStart = -1;
                        continue;
                    }
                    // "" inside quotes is one quote character; any other quote closes the value.
                    if (Fill() && _buffer[_at] == (byte)'"') _at++;
                    else
                    {
                        quoted = false;
                        closed = true;
                        // The closing line's text before the quote was read into the value too.
                        if (lines > openedOnLine && RowShaped(quotedDelimiters)) swallows = true;
                    }
                    continue;
                }
                if (!quoted)
                {
                    if (hitByte == (byte)'\n' && !crlf) _bareLf = true;
                    var empty = lines == 1 && fields == 1 && !sawQuote && Position - 1 - lineStart == (crBeforeLf ? 1 : 0);
                    var tooLong = NewLine(ref lineStart, ref firstLineLength, ref lines);
                    return new Record(line, start, Position - 1, lines - 1, fields, false, swallows, firstLineLength, tooLong, strayAfterClose, empty);
                }
                // A legitimate value may hold line breaks; a line inside it shaped like a row means a stray quote is
                // reading the file's rows as one value.
                if (lines > openedOnLine && RowShaped(quotedDelimiters)) swallows = true;
                quotedDelimiters = 0;
                if (NewLine(ref lineStart, ref firstLineLength, ref lines) is { } longLineInValue)
                    return new Record(line, start, Position, lines, fields, false, swallows, firstLineLength, longLineInValue, strayAfterClose);
            }
            var last = Position - lineStart > MaxLineBytes ? new LongLine(_line, lineStart, Position - lineStart) : (LongLine?)null;
            // A file that ends with a line end has no line after it.
            var count = Position == lineStart ? lines - 1 : lines;
            return new Record(line, start, Position, count, fields, quoted, swallows, firstLineLength < 0 ? Position - start : firstLineLength, last, strayAfterClose);
        }

        // Read alone, a line with more than half the header's fields is a row (whole, or short of a column DuckDB
        // would reject it for): a free-text value rarely holds that many delimiters on one line, and a row swallowed
        // unseen is lost where a legitimate value wrongly quarantined is only set aside, with its text.
        private bool RowShaped(int delimiters) => headerFields > 1 && 2 * (delimiters + 1) > headerFields;

        // A line ended (at the byte before _at): a line longer than DuckDB reads is reported on its own.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        private bool Preceded(long lineEnd)
        {
            file.Seek(lineEnd - 1, SeekOrigin.Begin);
            return file.ReadByte() == '\r';
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
