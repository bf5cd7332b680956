using System.Globalization;
using SocarDataLake.Aws.Athena;

namespace SocarDataLake.AwsViews;

/// <summary>
/// Athena returns every value as text (Datum.VarCharValue); numbers and booleans are typed from ColumnInfo.Type so
/// `lake query --aws --format json` and the console write 42 and true, not "42" and "true", as the local lake does.
/// Other types keep Athena's text.
/// </summary>
public static class AthenaValues
{
    public static IReadOnlyList<object?[]> Typed(AthenaRows rows) =>
        rows.Rows.Select(r => r.Select((v, i) => Typed(v, i < rows.Columns.Count ? rows.Columns[i].Type : "varchar")).ToArray()).ToList();

    private static object? Typed(string? text, string type)
    {
        if (text is null) return null;
        var name = type.Split('(')[0].Trim().ToLowerInvariant();
        return name switch
        {
            "tinyint" or "smallint" or "integer" or "int" or "bigint" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            "double" or "real" or "float" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            "decimal" when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) => m,
            "boolean" when bool.TryParse(text, out var b) => b,
            _ => text,
        };
    }
}
