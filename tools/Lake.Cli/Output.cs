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

    public static string Text(object? value) => value switch
    {
        null => "",
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        float f => f.ToString("0.###", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object? Json(object? value) => value switch
    {
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        System.Numerics.BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string Csv(string value)
    {
        if (!value.Contains(',', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) && !value.Contains('\n', StringComparison.Ordinal)) return value;
        return new StringBuilder("\"").Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
