using System.Globalization;
using System.Text;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Core.Typing;

/// <summary>
/// The DuckDB dialect of a typing plan. Values are trimmed and empty strings become NULL, parsed with
/// TRY_CAST / TRY_STRPTIME (a failed parse is NULL, never an error), and every failure adds
/// "column: 'value' why" to the row's quarantine reason.
/// </summary>
public sealed class DuckDbTypingPlanRenderer : ITypingPlanRenderer
{
    private const int MaxValueInReason = 80;

    public string Engine => "duckdb";

    public string RenderSelect(TypingPlan plan, string sourceRelation, IReadOnlySet<string> presentSources, IReadOnlyList<string> passThrough)
    {
        var normalized = new List<string>();
        var typed = new List<string>();
        var outputs = new List<string>();
        var reasons = new List<string>();
        foreach (var c in plan.Columns)
        {
            var v = Ident("__v_" + c.Name);
            var t = Ident("__t_" + c.Name);
            var present = presentSources.Contains(c.Source);
            normalized.Add($"{(present ? $"NULLIF(TRIM(CAST({Ident(c.Source)} AS VARCHAR)), '')" : "CAST(NULL AS VARCHAR)")} AS {v}");
            typed.Add($"{Parse(c, v)} AS {t}");
            outputs.Add($"{t} AS {Ident(c.Name)}");
            reasons.Add(Reason(c, v, t, present));
        }
        foreach (var p in plan.Partitions) outputs.Add($"{PartitionValue(p, Ident("__t_" + p.Column))} AS {Ident(p.Name)}");
        outputs.Add($"NULLIF(concat_ws('; ', {string.Join(", ", reasons)}), '') AS {Ident(TypingPlan.ReasonColumn)}");
        outputs.AddRange(passThrough.Select(Ident));

        var sql = new StringBuilder();
        sql.Append("WITH __normalized AS (\n  SELECT *,\n    ").AppendJoin(",\n    ", normalized).Append("\n  FROM ").Append(sourceRelation).Append("\n),\n");
        sql.Append("__typed AS (\n  SELECT *,\n    ").AppendJoin(",\n    ", typed).Append("\n  FROM __normalized\n)\n");
        sql.Append("SELECT\n  ").AppendJoin(",\n  ", outputs).Append("\nFROM __typed");
        return sql.ToString();
    }

    private static string Parse(PlannedColumn c, string v) => c.Type.Kind switch
    {
        TypeKind.String => v,
        TypeKind.Int => $"TRY_CAST({v} AS INTEGER)",
        TypeKind.BigInt => $"TRY_CAST({v} AS BIGINT)",
        TypeKind.Double => $"TRY_CAST({v} AS DOUBLE)",
        TypeKind.Decimal => $"TRY_CAST({v} AS DECIMAL({c.Type.Precision},{c.Type.Scale}))",
        TypeKind.Boolean when c.TrueValues is not null || c.FalseValues is not null =>
            $"CASE WHEN {v} IN ({List(c.TrueValues)}) THEN TRUE WHEN {v} IN ({List(c.FalseValues)}) THEN FALSE END",
        TypeKind.Boolean => $"TRY_CAST({v} AS BOOLEAN)",
        TypeKind.Timestamp => Temporal(c, v, "TIMESTAMP"),
        TypeKind.Date => Temporal(c, v, "DATE"),
        _ => throw new NotSupportedException(c.Type.ToString()),
    };

    private static string Temporal(PlannedColumn c, string v, string sqlType)
    {
        if (c.Formats.Count == 0) return $"TRY_CAST({v} AS {sqlType})";
        if (c.Formats[0] is "epoch_seconds" or "epoch_millis")
        {
            var micros = c.Formats[0] == "epoch_seconds" ? "1000000" : "1000";
            return $"CAST(make_timestamp(CAST(TRY_CAST({v} AS DOUBLE) * {micros} AS BIGINT)) AS {sqlType})";
        }
        var attempts = c.Formats.Select(f => $"TRY_STRPTIME({v}, {Literal(f)})");
        return $"CAST(COALESCE({string.Join(", ", attempts)}) AS {sqlType})";
    }

    private static string Reason(PlannedColumn c, string v, string t, bool present)
    {
        var name = c.Name;
        if (!present)
            return c.Required ? Literal($"{name}: required source column '{c.Source}' is missing from the file") : "NULL";
        var shown = $"left({v}, {MaxValueInReason.ToString(CultureInfo.InvariantCulture)})";
        var expected = c.Type.Kind switch
        {
            TypeKind.Boolean when c.TrueValues is not null || c.FalseValues is not null =>
                $"a boolean (true: {string.Join("/", c.TrueValues ?? [])}, false: {string.Join("/", c.FalseValues ?? [])})",
            TypeKind.Timestamp or TypeKind.Date when c.Formats.Count > 0 => $"a {c.Type} ({string.Join(" or ", c.Formats)})",
            TypeKind.Decimal => $"a {c.Type} (not a number, or too many digits)",
            _ => $"a valid {c.Type}",
        };
        var cases = new StringBuilder("CASE");
        if (c.Required) cases.Append($" WHEN {v} IS NULL THEN {Literal($"{name}: required value is missing")}");
        cases.Append($" WHEN {v} IS NOT NULL AND {t} IS NULL THEN {Literal(name + ": '")} || {shown} || {Literal("' is not " + expected)}");
        if (c.AllowedValues is { Count: > 0 })
            cases.Append($" WHEN {t} IS NOT NULL AND {t} NOT IN ({List(c.AllowedValues)}) THEN {Literal(name + ": '")} || {shown} || {Literal($"' is not one of {string.Join(", ", c.AllowedValues)}")}");
        return cases.Append(" END").ToString();
    }

    private static string PartitionValue(PlannedPartition p, string t) => p.Transform switch
    {
        "year" => $"year({t})",
        "month" => $"month({t})",
        "day" => $"strftime(CAST({t} AS DATE), '%Y-%m-%d')",
        _ => t,
    };

    private static string List(IReadOnlyList<string>? values) =>
        values is { Count: > 0 } ? string.Join(", ", values.Select(Literal)) : "NULL";

    public static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
