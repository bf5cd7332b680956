using System.Globalization;
using System.Text;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Core.Typing;

/// <summary>
/// The shape every dialect shares: values are trimmed of ASCII spaces and empty strings become NULL, cast only
/// when the text plainly has the column's format (<see cref="PlainText"/>) with functions that return NULL
/// instead of failing, and every failure adds "column: 'value' why" to the row's quarantine reason. A dialect
/// only says how to quote, match, cast and parse; the semantics live here once.
/// </summary>
public abstract class SqlTypingPlanRenderer : ITypingPlanRenderer
{
    private const int MaxValueInReason = 80;

    private readonly string _intType;

    /// <param name="engine">The engine the rendering is for, as a rendered plan names it.</param>
    /// <param name="textType">The engine's text type.</param>
    /// <param name="intType">The engine's 32-bit integer type: the one other name the dialects spell apart.</param>
    protected SqlTypingPlanRenderer(string engine, string textType, string intType)
    {
        Engine = engine;
        TextType = textType;
        _intType = intType;
    }

    public string Engine { get; }

    protected string TextType { get; }

    public abstract string Ident(string name);

    public abstract string Literal(string value);

    /// <summary>A cast that yields NULL when the text does not convert.</summary>
    protected abstract string CastOrNull(string value, TargetType type);

    /// <summary>The engine's name for a contract type.</summary>
    protected string SqlType(TargetType type) => type.Kind switch
    {
        TypeKind.Int => _intType,
        TypeKind.BigInt => "BIGINT",
        TypeKind.Double => "DOUBLE",
        TypeKind.Decimal => $"DECIMAL({type.Precision},{type.Scale})",
        TypeKind.Boolean => "BOOLEAN",
        TypeKind.Date => "DATE",
        TypeKind.Timestamp => "TIMESTAMP",
        _ => TextType,
    };

    /// <summary>True when the whole text matches the <see cref="PlainText"/> pattern.</summary>
    protected abstract string Matches(string value, string pattern);

    /// <summary>
    /// True when the text is a plain int, bigint or decimal (<paramref name="pattern"/>). A dialect may test less
    /// where its cast already refuses the rest: only characters outside the pattern's <paramref name="alphabet"/>
    /// (written as the body of a bracket class, "+0-9-") matter then.
    /// </summary>
    protected virtual string IsPlainNumber(string value, string pattern, string alphabet) => Matches(value, pattern);

    /// <summary>
    /// True when the text is a plain decimal with no nonzero digit beyond <paramref name="scale"/>
    /// (<see cref="PlainText.DecimalOfScale"/>): the cast would round those away.
    /// </summary>
    protected virtual string IsPlainDecimal(string value, int scale) => Matches(value, PlainText.DecimalOfScale(scale));

    /// <summary>Text known to match the strptime format, parsed with it.</summary>
    protected abstract string ParseWithFormat(string value, string format);

    /// <summary>Text known to match <see cref="PlainText.Timestamp"/>, converted to UTC when it carries an offset.</summary>
    protected abstract string ParseIsoTimestamp(string value);

    /// <summary>A timestamp from whole microseconds since the epoch (BIGINT).</summary>
    protected abstract string FromMicros(string micros);

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
        foreach (var p in plan.Partitions) outputs.Add($"{RenderPartitionValue(p, Ident("__t_" + p.Column))} AS {Ident(p.Name)}");
        outputs.Add($"{ReasonColumn(failures)} AS {Ident(TypingPlan.ReasonColumn)}");
        outputs.AddRange(passThrough.Select(Ident));

        var sql = new StringBuilder();
        sql.Append("WITH __normalized AS (\n  SELECT *,\n    ").AppendJoin(",\n    ", normalized).Append("\n  FROM ").Append(sourceRelation).Append("\n),\n");
        sql.Append("__typed AS (\n  SELECT *,\n    ").AppendJoin(",\n    ", typed).Append("\n  FROM __normalized\n)\n");
        sql.Append("SELECT\n  ").AppendJoin(",\n  ", outputs).Append("\nFROM __typed");
        return sql.ToString();
    }

    // Each type casts only text that plainly has its format (see PlainText), so both engines type and
    // quarantine the same values, and no value reaches a cast that could fail the whole query.
    private string Parse(PlannedColumn c, string v) => c.Type.Kind switch
    {
        TypeKind.String => v,
        TypeKind.Boolean when c.TrueValues is not null || c.FalseValues is not null =>
            $"CASE WHEN {v} IN ({List(c.TrueValues)}) THEN TRUE WHEN {v} IN ({List(c.FalseValues)}) THEN FALSE END",
        // The words both engines' casts read, spelled out: DuckDB and Spark differ only on padding they trim.
        TypeKind.Boolean =>
            $"CASE WHEN lower({v}) IN ('true', 't', 'yes', 'y', '1') THEN TRUE WHEN lower({v}) IN ('false', 'f', 'no', 'n', '0') THEN FALSE END",
        TypeKind.Timestamp or TypeKind.Date when c.Formats.Count > 0 && c.Formats[0] is "epoch_seconds" or "epoch_millis" =>
            FromEpoch(v, c.Formats[0] == "epoch_millis", c.Type.Kind),
        TypeKind.Timestamp or TypeKind.Date when c.Formats.Count > 0 =>
            $"CAST(COALESCE({string.Join(", ", c.Formats.Select(f => $"CASE WHEN {Matches(v, PlainText.ForStrptime(f))} THEN {WithinCalendar(ParseWithFormat(v, f), f.Contains("%z", StringComparison.Ordinal))} END"))}) AS {SqlType(c.Type)})",
        TypeKind.Timestamp => $"CASE WHEN {Matches(v, PlainText.Timestamp)} THEN {WithinCalendar(ParseIsoTimestamp(v), true)} END",
        TypeKind.Date => $"CASE WHEN {Matches(v, PlainText.Date)} THEN {CastOrNull(v, c.Type)} END",
        // An overflow such as 1e999 reads as infinity on both engines; it is no more a plain double than NaN.
        TypeKind.Double =>
            $"CASE WHEN {Matches(v, PlainText.Double)} THEN NULLIF(NULLIF({CastOrNull(v, c.Type)}, CAST('Infinity' AS {SqlType(c.Type)})), CAST('-Infinity' AS {SqlType(c.Type)})) END",
        TypeKind.Decimal => $"CASE WHEN {IsPlainDecimal(v, c.Type.Scale)} THEN {CastOrNull(v, c.Type)} END",
        _ => $"CASE WHEN {IsPlainNumber(v, PlainText.Integer, "+0-9-")} THEN {CastOrNull(v, c.Type)} END",
    };

    // An offset converted to UTC can carry 0001-01-01 or 9999-12-31 out of the years both engines (and .NET, which
    // reads the local lake's Parquet) print alike: such a value is no plain timestamp either.
    private static string WithinCalendar(string timestamp, bool mayCarryOffset) =>
        mayCarryOffset ? $"CASE WHEN year({timestamp}) BETWEEN 1 AND 9999 THEN {timestamp} END" : timestamp;

    // Exact decimal arithmetic on text limited to whole microseconds: nothing is rounded or truncated, and the
    // digit limits keep the BIGINT far from overflow (a DOUBLE product failed DuckDB's whole query on 1e30).
    private string FromEpoch(string v, bool millis, TypeKind kind)
    {
        var micros = $"CAST({CastOrNull(v, new TargetType(TypeKind.Decimal, 20, 6))} * {(millis ? "1000" : "1000000")} AS {SqlType(new TargetType(TypeKind.BigInt))})";
        return $"CASE WHEN {Matches(v, millis ? PlainText.EpochMillis : PlainText.EpochSeconds)} THEN CAST({FromMicros(micros)} AS {SqlType(new TargetType(kind))}) END";
    }

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
            TypeKind.Decimal when c.Type.Scale == 0 => $"a {c.Type} (not a whole number, or too many digits)",
            // Decimal places name what a cast would have rounded away: the value is refused, never rounded.
            TypeKind.Decimal => $"a {c.Type} (not a number, too many digits, or more than {c.Type.Scale} decimal places)",
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

    public string RenderPartitionValue(PlannedPartition partition, string typedValue) => partition.Transform switch
    {
        // DuckDB's year() is a BIGINT and Spark's an INT: the partition column is an int on both.
        "year" => $"CAST(year({typedValue}) AS {SqlType(new TargetType(TypeKind.Int))})",
        "month" => $"CAST(month({typedValue}) AS {SqlType(new TargetType(TypeKind.Int))})",
        "day" => DayText(typedValue),
        _ => typedValue,
    };

    private string List(IReadOnlyList<string>? values) =>
        values is { Count: > 0 } ? string.Join(", ", values.Select(Literal)) : "NULL";
}
