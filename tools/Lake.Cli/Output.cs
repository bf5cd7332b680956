using System.Globalization;
using System.Text.Json;
using SocarDataLake.Core.Queries;
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
                Console.WriteLine(ResultText.CsvLine(result.Columns));
                foreach (var row in result.Rows) Console.WriteLine(ResultText.CsvLine(row.Select(Text)));
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

    public static string Text(object? value) => ResultText.Text(value);

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
}
