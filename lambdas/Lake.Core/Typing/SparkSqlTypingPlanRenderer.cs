using System.Diagnostics;
using System.Text;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Core.Typing;

/// <summary>
/// The Spark SQL dialect (the Glue job, Spark 3.5): try_cast and try_to_timestamp so bad values become NULL
/// with ANSI mode on or off, strptime formats translated to Spark's datetime patterns, java.util.regex guards.
/// The guards narrow what reaches the parser; a guarded but impossible date (2019-02-29) still needs the job's
/// spark.sql.legacy.timeParserPolicy=CORRECTED to become NULL rather than a SparkUpgradeException.
/// </summary>
public sealed class SparkSqlTypingPlanRenderer() : SqlTypingPlanRenderer(engine: "spark", textType: "STRING", intType: "INT")
{
    public static readonly SparkSqlTypingPlanRenderer Instance = new();

    public override string Ident(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    // Spark reads backslash escapes inside literals, and does not treat '' as a quote.
    public override string Literal(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    protected override string CastOrNull(string value, TargetType type) => $"try_cast({value} AS {SqlType(type)})";

    // rlike finds the pattern anywhere, and Java's $ also matches before a final line break: anchor at the very end.
    protected override string Matches(string value, string pattern) => $"{value} rlike {Literal("^(?:" + pattern + ")\\z")}";

    protected override string ParseWithFormat(string value, string format) => $"try_to_timestamp({value}, {Literal(ToSparkPattern(format))})";

    // The session time zone is UTC (the job sets it), so an offset converts to UTC and a bare time is UTC.
    protected override string ParseIsoTimestamp(string value) => $"try_cast({value} AS TIMESTAMP)";

    protected override string FromMicros(string micros) => $"timestamp_micros({micros})";

    protected override string DayText(string timestamp) => $"date_format(CAST({timestamp} AS DATE), 'yyyy-MM-dd')";

    /// <summary>Translates a strptime pattern (the contract's, DuckDB's) into a Spark datetime pattern.</summary>
    public static string ToSparkPattern(string strptime)
    {
        var pattern = new StringBuilder();
        var literal = new StringBuilder();
        void FlushLiteral()
        {
            if (literal.Length == 0) return;
            pattern.Append('\'').Append(literal.ToString().Replace("'", "''", StringComparison.Ordinal)).Append('\'');
            literal.Clear();
        }
        foreach (var part in ParseFormat.Read(strptime).Parts)
        {
            var ch = part.Value;
            if (!part.IsDirective)
            {
                // Letters are pattern letters and [ ] # { } are reserved (optional sections, future use) in
                // Spark's datetime patterns: quoted, each is the character itself, as in strptime (so is %%'s '%').
                if (char.IsAsciiLetter(ch) || ch is '\'' or '[' or ']' or '#' or '{' or '}' or '%') literal.Append(ch);
                else { FlushLiteral(); pattern.Append(ch); }
                continue;
            }
            FlushLiteral();
            pattern.Append(ch switch
            {
                'Y' => "yyyy",
                'm' => "MM",
                'd' => "dd",
                'H' => "HH",
                'I' => "hh",
                'M' => "mm",
                'S' => "ss",
                'f' => "SSSSSS",
                'p' => "a",
                'b' => "MMM",
                'B' => "MMMM",
                'z' => "XX",
                _ => throw new UnreachableException($"ParseFormat accepted %{ch}, which has no Spark pattern"),
            });
        }
        FlushLiteral();
        return pattern.ToString();
    }
}
