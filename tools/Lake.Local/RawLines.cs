namespace SocarDataLake.Local;

/// <summary>One physical line of a raw object: its number, where it starts, its bytes without the line end.</summary>
/// <param name="TooLong">The line was longer than the reader keeps: <paramref name="Bytes"/> is then empty.</param>
internal readonly record struct RawLine(long Number, long Offset, ReadOnlyMemory<byte> Bytes, long Length, bool TooLong);

/// <summary>
/// Reads a raw object line by line with flat memory: a line longer than <c>maxLineBytes</c> is counted but not
/// kept, so one huge line cannot exhaust memory or vanish. A line ends at LF, CRLF or a CR alone (the old Mac
/// convention): a file of CR-only line ends was read as one line, and JSON allows no raw CR inside a value.
/// </summary>
internal static class RawLines
{
    public static IEnumerable<RawLine> Read(Stream stream, int maxLineBytes)
    {
        var chunk = new byte[1 << 16];
        var line = new MemoryStream();
        long number = 1, offset = 0, lineStart = 0, lineLength = 0;
        var lfEndsLastCr = false; // a CR ended the previous chunk: an LF starting this one belongs to it
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            var start = 0;
            if (lfEndsLastCr)
            {
                lfEndsLastCr = false;
                if (chunk[0] == (byte)'\n')
                {
                    start = 1;
                    lineStart = ++offset;
                }
            }
            while (start < read)
            {
                var found = chunk.AsSpan(start, read - start).IndexOfAny((byte)'\n', (byte)'\r');
                var end = found < 0 ? -1 : start + found;
                var take = (end < 0 ? read : end) - start;
                lineLength += take;
                if (lineLength <= maxLineBytes) line.Write(chunk, start, take);
                else line.SetLength(0);
                offset += take;
                if (end < 0) break;
                offset++;
                var next = end + 1;
                if (chunk[end] == (byte)'\r')
                {
                    if (next == read) lfEndsLastCr = true;
                    else if (chunk[next] == (byte)'\n')
                    {
                        next++;
                        offset++;
                    }
                }
                yield return Finish(number++, lineStart, line, lineLength, maxLineBytes);
                line.SetLength(0);
                lineLength = 0;
                lineStart = offset;
                start = next;
            }
        }
        if (lineLength > 0) yield return Finish(number, lineStart, line, lineLength, maxLineBytes);
    }

    private static RawLine Finish(long number, long start, MemoryStream line, long length, int max) =>
        length > max
            ? new RawLine(number, start, ReadOnlyMemory<byte>.Empty, length, TooLong: true)
            : new RawLine(number, start, line.GetBuffer().AsMemory(0, (int)line.Length).ToArray(), length, TooLong: false);
}
