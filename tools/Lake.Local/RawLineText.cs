using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SocarDataLake.Local;

/// <summary>
/// Writes a quarantined line's text so that nothing of it is lost: JSON holds only Unicode text, and decoding a
/// Latin-1 line as UTF-8 (or letting DuckDB do it) turned `,\xE9,41` into `,??41`, delimiter gone.
/// </summary>
internal static class RawLineText
{
    /// <summary>
    /// <c>raw_line</c> as the line's text when it is UTF-8; otherwise a rendering with each invalid byte as
    /// <c>\xNN</c>, plus <c>raw_line_base64</c> (the exact bytes) and <c>raw_line_note</c> saying so.
    /// </summary>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            json.WriteString("raw_line", Encoding.UTF8.GetString(bytes));
            return;
        }
        json.WriteString("raw_line", Render(bytes, out var firstInvalid));
        json.WriteBase64String("raw_line_base64", bytes);
        json.WriteString("raw_line_note", $"not UTF-8 text (an invalid byte at byte {firstInvalid + 1} of the line): raw_line shows each invalid byte as \\xNN, raw_line_base64 holds the line's exact bytes");
    }

    private static string Render(ReadOnlySpan<byte> bytes, out int firstInvalid)
    {
        firstInvalid = -1;
        var text = new StringBuilder(bytes.Length + 16);
        var chars = new char[bytes.Length];
        var consumed = 0;
        while (!bytes.IsEmpty)
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            text.Append(chars, 0, written);
            bytes = bytes[read..];
            consumed += read;
            if (status == System.Buffers.OperationStatus.Done) break;
            // An invalid (or cut-off) sequence: show its first byte and go on after it.
            if (firstInvalid < 0) firstInvalid = consumed;
            text.Append($"\\x{bytes[0]:X2}");
            bytes = bytes[1..];
            consumed++;
        }
        return text.ToString();
    }
}
