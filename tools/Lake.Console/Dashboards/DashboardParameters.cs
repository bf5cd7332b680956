using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// A dashboard's inputs as typed values for DuckDB to bind: JSON in, a long, double, string or DateOnly out. Each is
/// checked against the declared type here, so a wrong value is named by its parameter rather than by DuckDB's cast.
/// </summary>
internal static partial class DashboardParameters
{
    /// <summary>The parameters a statement names, <c>$name</c>, in order of first use.</summary>
    public static IReadOnlyList<string> UsedIn(string sql) =>
        Named().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    public static object? Parse(string type, JsonElement value) => type switch
    {
        "text" when value.ValueKind == JsonValueKind.String => value.GetString(),
        "integer" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole) => whole,
        "number" when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) => number,
        "date" when value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        _ => null,
    };

    public static string Expected(string type) => type switch
    {
        "text" => "a string",
        "integer" => "a whole number (JSON number, such as 3)",
        "number" => "a number (JSON number, such as 2.5)",
        _ => "a date as a string YYYY-MM-DD, such as \"2019-01-31\"",
    };

    /// <summary>The values for one query: each given one checked, the rest from the defaults; only those its SQL uses.</summary>
    public static IReadOnlyDictionary<string, object?> Bind(Dashboard dashboard, DashboardQuery query, IReadOnlyDictionary<string, JsonElement>? given)
    {
        given ??= new Dictionary<string, JsonElement>();
        foreach (var name in given.Keys.Where(n => dashboard.Parameters.All(p => p.Name != n)))
            throw ApiException.BadRequest($"parameter '{name}' is not one of dashboard {dashboard.Name}'s: {(dashboard.Parameters.Count == 0 ? "it has none" : string.Join(", ", dashboard.Parameters.Select(p => p.Name)))}.");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in dashboard.Parameters)
        {
            var value = given.TryGetValue(parameter.Name, out var element) ? element : parameter.Default;
            var typed = Parse(parameter.Type, value)
                ?? throw ApiException.BadRequest($"parameter '{parameter.Name}' is {value.GetRawText()}: give {Expected(parameter.Type)} ({dashboard.File} declares it {parameter.Type}).");
            if (query.Uses.Contains(parameter.Name)) values[parameter.Name] = typed;
        }
        return values;
    }

    // A $ that starts a name, not one inside a longer word ($$ quoting, a column named a$b).
    [GeneratedRegex(@"(?<![A-Za-z0-9_$])\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Named();
}
