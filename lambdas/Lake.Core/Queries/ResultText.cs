using System.Globalization;
using System.Text;

namespace SocarDataLake.Core.Queries;

/// <summary>
/// How a query's values read as text, wherever a result is shown: `lake query`'s table and CSV, and the console's
/// pages and CSV downloads, so the same value never reads two ways.
/// </summary>
public static class ResultText
{
    // Dates in ISO 8601 (DateOnly's invariant text is 01/05/2019); lists, structs, maps and blobs as values in DuckDB's
    // own notation, not .NET type names.
    public static string Text(object? value) => value switch
    {
        null => "",
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        string s => s,
        byte[] or Stream => BlobText(Bytes(value)),
        System.Collections.IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Text(k)}: {Text(map[k])}")) + "}",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Text)) + "]",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        float f => f.ToString("0.###", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>One CSV line (RFC 4180 quoting, no line break at the end).</summary>
    public static string CsvLine(IEnumerable<string> fields) => string.Join(",", fields.Select(CsvField));

    public static string CsvField(string value)
    {
        if (!value.Contains(',', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) && !value.Contains('\n', StringComparison.Ordinal)) return value;
        return new StringBuilder("\"").Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }

    public static byte[] Bytes(object blob)
    {
        if (blob is byte[] bytes) return bytes;
        using var copy = new MemoryStream();
        ((Stream)blob).CopyTo(copy);
        return copy.ToArray();
    }

    // DuckDB's notation: printable ASCII as itself, every other byte as \xHH.
    private static string BlobText(byte[] bytes) =>
        string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7F and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}"));
}
