using System.Globalization;
using System.Text;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Core.Typing;

/// <summary>
/// The shape every dialect shares: values are trimmed and empty strings become NULL, parsed with functions
/// that return NULL instead of failing, and every failure adds "column: 'value' why" to the row's
/// quarantine reason. A dialect only says how to quote, cast and parse; the semantics live here once.
/// </summary>
public abstract class SqlTypingPlanRenderer : ITypingPlanRenderer
{
    private const int MaxValueInReason = 80;

    public abstract string Engine { get; }

    protected abstract string TextType { get; }

    public abstract string Ident(string name);

    public abstract string Literal(string value);

    /// <summary>A cast that yields NULL when the text does not convert.</summary>
    protected abstract string CastOrNull(string value, TargetType type);

    /// <summary>Text parsed with the contract's formats (strptime patterns, tried in order).</summary>
    protected abstract string ParseTemporal(string value, IReadOnlyList<string> formats, TypeKind kind);

    /// <summary>Epoch seconds or milliseconds as text to a timestamp.</summary>
    protected abstract string FromEpoch(string value, bool millis, TypeKind kind);

    protected abstract string DayText(string timestamp);

    /// <summary>The text with surrounding spaces removed; empty text is NULL.</summary>
    protected virtual string Blank(string text) => $"NULLIF(TRIM({text}), '')";

    public string RenderSelect(TypingPlan plan, string sourceRelation, IReadOnlySet<string> presentSources, IReadOnlyList<string> passThrough)
    {
        var normalized = new List<string>();
        var typed = new List<string>();
        var outputs = new List<string>();
        var failures = new List<List<(string When, string Message)>>();
        foreach (var c in plan.Columns)
        {
            var v = Ident("__v_" + c.Name);
            var t = Ident("__t_" + c.Name);
            var present = presentSources.Contains(c.Source);
            normalized.Add($"{(present ? Blank($"CAST({Ident(c.Source)} AS {TextType})") : $"CAST(NULL AS {TextType})")} AS {v}");
            typed.Add($"{Parse(c, v)} AS {t}");
            outputs.Add($"{t} AS {Ident(c.Name)}");
            failures.Add(Failures(c, v, t, present));
        }
        foreach (var p in plan.Partitions) outputs.Add($"{PartitionValue(p, Ident("__t_" + p.Column))} AS {Ident(p.Name)}");
        outputs.Add($"{ReasonColumn(failures)} AS {Ident(TypingPlan.ReasonColumn)}");
        outputs.AddRange(passThrough.Select(Ident));

        var sql = new StringBuilder();
        sql.Append("WITH __normalized AS (\n  SELECT *,\n    ").AppendJoin(",\n    ", normalized).Append("\n  FROM ").Append(sourceRelation).Append("\n),\n");
        sql.Append("__typed AS (\n  SELECT *,\n    ").AppendJoin(",\n    ", typed).Append("\n  FROM __normalized\n)\n");
        sql.Append("SELECT\n  ").AppendJoin(",\n  ", outputs).Append("\nFROM __typed");
        return sql.ToString();
    }

    private string Parse(PlannedColumn c, string v) => c.Type.Kind switch
    {
        TypeKind.String => v,
        TypeKind.Boolean when c.TrueValues is not null || c.FalseValues is not null =>
            $"CASE WHEN {v} IN ({List(c.TrueValues)}) THEN TRUE WHEN {v} IN ({List(c.FalseValues)}) THEN FALSE END",
        TypeKind.Timestamp or TypeKind.Date when c.Formats.Count > 0 && c.Formats[0] is "epoch_seconds" or "epoch_millis" =>
            FromEpoch(v, c.Formats[0] == "epoch_millis", c.Type.Kind),
        TypeKind.Timestamp or TypeKind.Date when c.Formats.Count > 0 => ParseTemporal(v, c.Formats, c.Type.Kind),
        _ => CastOrNull(v, c.Type),
    };

    /// <summary>A column's failure checks, each a condition and the message it adds to the reason.</summary>
    private List<(string When, string Message)> Failures(PlannedColumn c, string v, string t, bool present)
    {
        var name = c.Name;
        if (!present)
            return c.Required ? [("TRUE", Literal($"{name}: required source column '{c.Source}' is missing from the file"))] : [];
        var shown = $"left({v}, {MaxValueInReason.ToString(CultureInfo.InvariantCulture)})";
        var expected = c.Type.Kind switch
        {
            TypeKind.Boolean when c.TrueValues is not null || c.FalseValues is not null =>
                $"a boolean (true: {string.Join("/", c.TrueValues ?? [])}, false: {string.Join("/", c.FalseValues ?? [])})",
            TypeKind.Timestamp or TypeKind.Date when c.Formats.Count > 0 => $"a {c.Type} ({string.Join(" or ", c.Formats)})",
            TypeKind.Decimal => $"a {c.Type} (not a number, or too many digits)",
            _ => $"a valid {c.Type}",
        };
        var failures = new List<(string, string)>();
        if (c.Required) failures.Add(($"{v} IS NULL", Literal($"{name}: required value is missing")));
        if (c.Type.Kind != TypeKind.String) failures.Add(($"{v} IS NOT NULL AND {t} IS NULL", $"{Literal(name + ": '")} || {shown} || {Literal("' is not " + expected)}"));
        if (c.AllowedValues is { Count: > 0 })
            failures.Add(($"{t} IS NOT NULL AND {t} NOT IN ({List(c.AllowedValues)})", $"{Literal(name + ": '")} || {shown} || {Literal($"' is not one of {string.Join(", ", c.AllowedValues)}")}"));
        return failures;
    }

    // The message is built only for rows that fail a check: almost every row is good, and the cheap boolean
    // guard spares them the string work.
    private string ReasonColumn(IReadOnlyList<List<(string When, string Message)>> columns)
    {
        var checks = columns.Where(f => f.Count > 0).ToList();
        if (checks.Count == 0) return $"CAST(NULL AS {TextType})";
        var messages = checks.Select(f => "CASE" + string.Concat(f.Select(x => $" WHEN {x.When} THEN {x.Message}")) + " END");
        var guard = string.Join(" OR ", checks.SelectMany(f => f).Select(x => $"({x.When})"));
        return $"CASE WHEN {guard} THEN concat_ws('; ', {string.Join(", ", messages)}) END";
    }

    private string PartitionValue(PlannedPartition p, string t) => p.Transform switch
    {
        "year" => $"year({t})",
        "month" => $"month({t})",
        "day" => DayText(t),
        _ => t,
    };

    private string List(IReadOnlyList<string>? values) =>
        values is { Count: > 0 } ? string.Join(", ", values.Select(Literal)) : "NULL";
}
