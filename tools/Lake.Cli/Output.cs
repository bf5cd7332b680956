using System.Globalization;
using System.Text;
using System.Text.Json;
using SocarDataLake.Local;
using Spectre.Console;

namespace SocarDataLake.Cli;

/// <summary>Prints query results and listings as a table, CSV or JSON.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(QueryResult result, string format, string? title = null)
    {
        switch (format)
        {
            case "csv":
                Console.WriteLine(string.Join(",", result.Columns.Select(Csv)));
                foreach (var row in result.Rows) Console.WriteLine(string.Join(",", row.Select(v => Csv(Text(v)))));
                break;
            case "json":
                var objects = result.Rows.Select(r => result.Columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => Json(x.Item2)));
                Console.WriteLine(JsonSerializer.Serialize(objects, Indented));
                break;
            default:
                Table(result.Columns, result.Rows.Select(r => r.Select(Text).ToArray()), title);
                break;
        }
        if (result.Truncated) Console.Error.WriteLine($"(showing the first {result.Rows.Count} rows: use --limit to see more)");
    }

    public static void Table(IReadOnlyList<string> columns, IEnumerable<string[]> rows, string? title = null)
    {
        // Redirected output (build logs, CI) has no terminal width: do not squeeze tables into 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null) table.Title($"[bold]{Markup.Escape(title)}[/]");
        foreach (var column in columns) table.AddColumn(new TableColumn(Markup.Escape(column)));
        foreach (var row in rows) table.AddRow(row.Select(v => new Markup(Markup.Escape(v))).ToArray());
        AnsiConsole.Write(table);
    }

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

    // JSON has no NaN or infinity: those doubles are written as the strings DuckDB prints for them.
    private static object? Json(object? value) => value switch
    {
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateOnly or TimeOnly or DateTimeOffset or byte[] or Stream => Text(value),
        System.Numerics.BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        double d when !double.IsFinite(d) => d.ToString(CultureInfo.InvariantCulture),
        float f when !float.IsFinite(f) => f.ToString(CultureInfo.InvariantCulture),
        string => value,
        System.Collections.IDictionary map => map.Keys.Cast<object>().ToDictionary(k => Text(k), k => Json(map[k])),
        System.Collections.IEnumerable list => list.Cast<object?>().Select(Json).ToList(),
        _ => value,
    };

    private static byte[] Bytes(object blob)
    {
        if (blob is byte[] bytes) return bytes;
        using var copy = new MemoryStream();
        ((Stream)blob).CopyTo(copy);
        return copy.ToArray();
    }

    // DuckDB's notation: printable ASCII as itself, every other byte as \xHH.
    private static string BlobText(byte[] bytes) =>
        string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7F and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}"));

    private static string Csv(string value)
    {
        if (!value.Contains(',', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) && !value.Contains('\n', StringComparison.Ordinal)) return value;
        return new StringBuilder("\"").Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
