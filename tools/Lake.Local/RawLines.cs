namespace SocarDataLake.Local;

/// <summary>One physical line of a raw object: its number, where it starts, its bytes without the line end.</summary>
/// <param name="TooLong">The line was longer than the reader keeps: <paramref name="Bytes"/> is then empty.</param>
internal readonly record struct RawLine(long Number, long Offset, ReadOnlyMemory<byte> Bytes, long Length, bool TooLong);

/// <summary>
/// Reads a raw object line by line (a line ends at '\n'; a '\r' before it is dropped) with flat memory: a line
/// longer than <c>maxLineBytes</c> is counted but not kept, so one huge line cannot exhaust memory or vanish.
/// </summary>
internal static class RawLines
{
    public static IEnumerable<RawLine> Read(Stream stream, int maxLineBytes)
    {
        var chunk = new byte[1 << 16];
        var line = new MemoryStream();
        long number = 1, offset = 0, lineStart = 0, lineLength = 0;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            var start = 0;
            while (start < read)
            {
                var end = Array.IndexOf(chunk, (byte)'\n', start, read - start);
                var take = (end < 0 ? read : end) - start;
                lineLength += take;
                if (lineLength <= maxLineBytes) line.Write(chunk, start, take);
                else line.SetLength(0);
                offset += take;
                if (end < 0) break;
                offset++;
                yield return Finish(number++, lineStart, line, lineLength, maxLineBytes);
                line.SetLength(0);
                lineLength = 0;
                lineStart = offset;
                start = end + 1;
            }
        }
        if (lineLength > 0) yield return Finish(number, lineStart, line, lineLength, maxLineBytes);
    }

    private static RawLine Finish(long number, long start, MemoryStream line, long length, int max)
    {
        if (length > max) return new RawLine(number, start, ReadOnlyMemory<byte>.Empty, length, TooLong: true);
        var bytes = line.GetBuffer().AsMemory(0, (int)line.Length);
        if (bytes.Length > 0 && bytes.Span[^1] == (byte)'\r') bytes = bytes[..^1];
        return new RawLine(number, start, bytes.ToArray(), length, TooLong: false);
    }
}
