using SocarDataLake.Core;
using SocarDataLake.LakeConsole;

namespace SocarDataLake.Cli.Dashboards;

/// <summary>
/// A query's chart as QuickSight draws it: line, bar or table, with x and y checked against the result's columns.
/// The console chooses an <c>auto</c> chart from the rows; a dashboard in QuickSight is fixed when it is deployed,
/// so auto becomes a line when x is a date or time, a bar when x is anything else, and a table without x and y.
/// </summary>
internal sealed record ExportedChart(string Type, string? X, IReadOnlyList<string> Y)
{
    public static ExportedChart Of(ChartSpec spec, IReadOnlyList<ExportedColumn> columns, string where)
    {
        var type = spec.Type;
        if (type == "table" || (type == "auto" && (spec.X is null || spec.Y is null))) return new ExportedChart("table", null, []);

        var known = string.Join(", ", columns.Select(c => c.Name));
        var x = spec.X ?? columns[0].Name;
        var xColumn = columns.FirstOrDefault(c => c.Name == x)
            ?? throw new LakeException($"{where}.x is \"{x}\", which the result does not have: its columns are {known}.");
        if (type == "auto") type = xColumn.Type == "DATETIME" ? "line" : "bar";

        var numbers = columns.Where(c => QuickSightTypes.Numeric.Contains(c.Type)).Select(c => c.Name).ToList();
        var y = spec.Y ?? numbers.Where(n => n != x).ToList();
        if (y.Count == 0) throw new LakeException($"{where}: a {type} chart needs a number column to draw and the result has none besides x ({known}): give \"type\": \"table\".");
        for (var i = 0; i < y.Count; i++)
        {
            if (columns.All(c => c.Name != y[i]))
                throw new LakeException($"{where}.y[{i}] is \"{y[i]}\", which the result does not have: its columns are {known}.");
            if (!numbers.Contains(y[i]))
                throw new LakeException($"{where}.y[{i}] is \"{y[i]}\", which is not a number: a chart draws number columns ({(numbers.Count == 0 ? "the result has none" : string.Join(", ", numbers))}).");
        }
        return new ExportedChart(type, x, y);
    }
}
