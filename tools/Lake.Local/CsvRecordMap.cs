namespace SocarDataLake.Local;

/// <summary>
/// Where the records DuckDB reads from a CSV lie among the file's physical lines. DuckDB numbers its records, not
/// lines: its rejects name a record by its position among the header, the blank lines and the records (a quoted
/// value spanning three lines is one), and a row it reads has no position at all, only its order. The line audit
/// walks the file with the same rules first and writes here only what breaks the one-record-one-line pattern (a
/// blank or emptied line, a record over several lines), on disk, so memory stays flat on any file.
/// </summary>
internal sealed class CsvRecordMap(string path)
{
    /// <summary>A record that is not a row: a blank line, or a line the audit quarantined and emptied.</summary>
    private const int NotARow = 0;

    public string Path { get; } = path;

    /// <summary>Every record DuckDB reads, the header included.</summary>
    public long Records { get; private set; }

    /// <summary>Lines that continue a record: the line breaks inside quoted values.</summary>
    public long LinesInValues { get; private set; }

    public sealed class Writer : IDisposable
    {
        private readonly BinaryWriter _out;
        private readonly CsvRecordMap _map;

        public Writer(CsvRecordMap map)
        {
            _map = map;
            _out = new BinaryWriter(new BufferedStream(File.Create(map.Path), 1 << 16));
        }

        /// <summary>The next record: <paramref name="lines"/> physical lines, or <paramref name="row"/> false for a blank or emptied line.</summary>
        public void Record(bool row, int lines)
        {
            var ordinal = ++_map.Records;
            if (row && lines == 1) return;
            _out.Write(ordinal);
            _out.Write(row ? lines : NotARow);
            if (row) _map.LinesInValues += lines - 1;
        }

        public void Dispose() => _out.Dispose();
    }

    /// <summary>The records after the header that are no rows (blank or emptied lines), in order.</summary>
    public IEnumerable<long> NotRows()
    {
        using var events = new BinaryReader(new BufferedStream(File.OpenRead(Path), 1 << 16));
        var length = events.BaseStream.Length;
        while (events.BaseStream.Position < length)
        {
            var record = events.ReadInt64();
            if (events.ReadInt32() == NotARow && record > 1) yield return record;
        }
    }

    /// <summary>The physical line a rejected record starts on, and how many lines it spans.</summary>
    public readonly record struct Rejected(long Record, long Line, int Lines);

    /// <summary>From this data row on, rows lie one a line, starting at <see cref="Line"/>.</summary>
    public readonly record struct RowLine(long DataRow, long Line);

    /// <summary>
    /// Follows DuckDB's records through the map, given the records it rejected (ascending, as its rejects table numbers
    /// them) and the number of rows it read: the line each rejected record starts on, and for the rows it read (the
    /// data rows, counted from 1 in its order) the lines, as runs. Null when DuckDB's reading does not match the
    /// audit's: a reject where the audit saw no row, or another number of rows; the object can then not be accounted
    /// for line by line.
    /// </summary>
    public string? Resolve(IEnumerable<long> rejectedRecords, long rowsRead, Action<Rejected> rejected, Action<RowLine> rows)
    {
        using var events = new BinaryReader(new BufferedStream(File.OpenRead(Path), 1 << 16));
        var length = events.BaseStream.Length;
        long dataRows = 0, next = 2, shift = 0, lastDelta = long.MinValue; // record 1 is the header
        (long Record, int Lines)? pending = null;
        bool Advance()
        {
            pending = events.BaseStream.Position < length ? (events.ReadInt64(), events.ReadInt32()) : null;
            return pending is not null;
        }
        Advance();
        if (pending is { Record: 1 } header)
        {
            shift = Math.Max(header.Lines, 1) - 1;
            Advance();
        }

        // Rows from record `next` up to (not including) `until` are one a line.
        void Run(long until)
        {
            if (until <= next) return;
            Emit(next + shift);
            dataRows += until - next;
        }
        void Emit(long line)
        {
            // Only where the line stops following the row; one mark per run of rows.
            var delta = line - (dataRows + 1);
            if (delta != lastDelta) rows(new RowLine(dataRows + 1, line));
            lastDelta = delta;
        }

        foreach (var record in rejectedRecords)
        {
            if (record < next || record > Records) return $"DuckDB rejected record {record:N0}, which the line audit does not count among the file's {Records:N0} records";
            var lines = 1;
            while (pending is { } e && e.Record <= record)
            {
                Run(e.Record);
                if (e.Record == record)
                {
                    if (e.Lines == NotARow) return $"DuckDB rejected record {record:N0}, which the line audit found blank";
                    lines = e.Lines;
                }
                else if (e.Lines != NotARow)
                {
                    Emit(e.Record + shift);
                    dataRows++;
                }
                if (e.Record < record) shift += Math.Max(e.Lines, 1) - 1;
                next = e.Record + 1;
                Advance();
            }
            Run(record);
            rejected(new Rejected(record, record + shift, lines));
            shift += lines - 1;
            next = record + 1;
        }
        while (pending is { } e)
        {
            Run(e.Record);
            if (e.Lines != NotARow)
            {
                Emit(e.Record + shift);
                dataRows++;
            }
            shift += Math.Max(e.Lines, 1) - 1;
            next = e.Record + 1;
            Advance();
        }
        Run(Records + 1);
        return dataRows == rowsRead ? null : $"the line audit counts {dataRows:N0} rows where DuckDB read {rowsRead:N0}";
    }
}
