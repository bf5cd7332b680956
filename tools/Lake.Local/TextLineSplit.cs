using System.Buffers;
using System.Globalization;

namespace SocarDataLake.Local;

/// <summary>
/// Splits a CSV whose records are one line each in two, so that DuckDB's typed reader reads the plain lines and the
/// typing plan reads only the others (<see cref="ColumnScan.TextLines"/>) from their text: a dirty object no longer
/// goes wholly to the slow path for a few bad rows. The reader's copy keeps every byte but those lines' own, their
/// line ends included: DuckDB skips the empty lines left, so its records stay where the line audit's map has them.
/// The text copy holds those lines, each led by its line number in the file and its data row, under the header.
/// </summary>
internal static class TextLineSplit
{
    /// <summary>The text copy's first column: the line a row was on in the file.</summary>
    public const string LineColumn = "__lake_line";

    /// <summary>The text copy's second column: the row's position among the file's rows (its data row).</summary>
    public const string DataRowColumn = "__lake_data_row";

    private static readonly SearchValues<byte> LineEnds = SearchValues.Create("\n\r"u8);

    /// <param name="input">The file, with one kind of line end (the line audit's cleaned copy when it mixed them).</param>
    /// <param name="textLines">Where the lines for the text path start, in file order; never the header.</param>
    /// <param name="notRows">The lines after the header that are no rows (<see cref="CsvRecordMap.NotRows"/>), in order: a
    /// line's data row is its number less the header and those before it, each record being one line.</param>
    public static void Write(string input, IReadOnlyList<long> textLines, IEnumerable<long> notRows, byte delimiter, string readerCopy, string textCopy)
    {
        using var notRow = notRows.GetEnumerator();
        var hasNotRow = notRow.MoveNext();
        long notRowsBefore = 0;
        using var source = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var reader = new FileStream(readerCopy, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var text = new FileStream(textCopy, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new byte[1 << 20];
        var read = source.Read(buffer);
        var data = buffer.AsSpan(0, read);
        // Lines are counted by the byte that ends them: CR in a file of lone CRs, LF in an LF or CRLF file.
        var headerEnd = data.IndexOfAny(LineEnds);
        var counted = headerEnd >= 0 && data[headerEnd] == (byte)'\r' && (headerEnd + 1 >= read || data[headerEnd + 1] != (byte)'\n') ? (byte)'\r' : (byte)'\n';
        var header = data[..(headerEnd < 0 ? read : headerEnd)];
        if (header.StartsWith("\uFEFF"u8)) header = header[3..];
        text.Write(System.Text.Encoding.ASCII.GetBytes(LineColumn));
        text.WriteByte(delimiter);
        text.Write(System.Text.Encoding.ASCII.GetBytes(DataRowColumn));
        text.WriteByte(delimiter);
        text.Write(header);
        text.WriteByte((byte)'\n');

        long line = 1, bufferStart = 0;
        var next = 0;
        var inTextLine = false;
        Span<byte> number = stackalloc byte[24];
        while (read > 0)
        {
            data = buffer.AsSpan(0, read);
            var at = 0;
            while (at < read)
            {
                if (inTextLine)
                {
                    var rest = data[at..];
                    var end = rest.IndexOfAny(LineEnds);
                    text.Write(end < 0 ? rest : rest[..end]);
                    if (end < 0) { at = read; continue; }
                    text.WriteByte((byte)'\n');
                    at += end;
                    inTextLine = false;
                    next++;
                    continue;
                }
                var until = next < textLines.Count ? (int)Math.Min(read, textLines[next] - bufferStart) : read;
                var plain = data[at..until];
                reader.Write(plain);
                line += plain.Count(counted);
                at = until;
                if (at < read)
                {
                    inTextLine = true;
                    while (hasNotRow && notRow.Current < line)
                    {
                        notRowsBefore++;
                        hasNotRow = notRow.MoveNext();
                    }
                    line.TryFormat(number, out var written, provider: CultureInfo.InvariantCulture);
                    text.Write(number[..written]);
                    text.WriteByte(delimiter);
                    (line - 1 - notRowsBefore).TryFormat(number, out written, provider: CultureInfo.InvariantCulture);
                    text.Write(number[..written]);
                    text.WriteByte(delimiter);
                }
            }
            bufferStart += read;
            read = source.Read(buffer);
        }
        // A last text line with no line end of its own.
        if (inTextLine) text.WriteByte((byte)'\n');
    }
}
