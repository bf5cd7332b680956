using System.Text.RegularExpressions;

namespace SocarDataLake.Local.Tests.Queries;

/// <summary>
/// SQL the local lake's DuckDB runs but Athena's Trino refuses. A short list of what a person writing for DuckDB
/// reaches for first, each with the page it comes from; not a parser, and not a promise that anything else is
/// portable (running the files on Athena is the proof; see the README's list of what only AWS can show).
/// </summary>
internal static partial class DuckDbOnlySyntax
{
    internal sealed record Construct(Regex Pattern, string Why);

    // Athena engine version 3's functions and operators are Trino's (docs.aws.amazon.com/athena/latest/ug/functions-env3.html
    // points to trino.io/docs/current/functions.html); DuckDB's own syntax is listed in duckdb.org/docs/stable/sql/dialect/friendly_sql.
    public static readonly IReadOnlyList<Construct> Constructs =
    [
        new(DoubleColonCast(), "x::type is DuckDB's shorthand cast; Trino has only CAST(x AS type) and TRY_CAST (trino.io/docs/current/functions/conversion.html)"),
        new(DuckDbDateFunctions(), "strftime, strptime, dayname, monthname, isodow, dayofweek and epoch are DuckDB's; Trino has date_format, date_parse, day_of_week, to_unixtime (trino.io/docs/current/functions/datetime.html)"),
        new(ILike(), "ILIKE is DuckDB's (and PostgreSQL's); Trino has LIKE only (trino.io/docs/current/functions/comparison.html): compare lower(x) LIKE '…'"),
        new(ByAll(), "GROUP BY ALL and ORDER BY ALL are DuckDB's friendly SQL; Trino needs the columns named (duckdb.org/docs/stable/sql/dialect/friendly_sql)"),
        new(StarModifiers(), "SELECT * EXCLUDE / REPLACE is DuckDB's friendly SQL; Trino has no star modifiers (duckdb.org/docs/stable/sql/dialect/friendly_sql)"),
        new(FromFirst(), "FROM-first queries (FROM t SELECT …, or FROM t alone) are DuckDB's friendly SQL; Trino starts with SELECT or WITH"),
    ];

    /// <summary>Each construct found in the SQL, comments and quoted strings left out.</summary>
    public static IReadOnlyList<string> Find(string sql)
    {
        var code = Quoted().Replace(Comment().Replace(sql, " "), "''");
        return Constructs.Where(c => c.Pattern.IsMatch(code)).Select(c => c.Why).ToList();
    }

    [GeneratedRegex(@"::")]
    private static partial Regex DoubleColonCast();

    [GeneratedRegex(@"\b(strftime|strptime|dayname|monthname|isodow|dayofweek|epoch)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex DuckDbDateFunctions();

    [GeneratedRegex(@"\bilike\b", RegexOptions.IgnoreCase)]
    private static partial Regex ILike();

    [GeneratedRegex(@"\b(group|order)\s+by\s+all\b", RegexOptions.IgnoreCase)]
    private static partial Regex ByAll();

    [GeneratedRegex(@"\*\s*(exclude|replace)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex StarModifiers();

    [GeneratedRegex(@"^\s*from\b", RegexOptions.IgnoreCase)]
    private static partial Regex FromFirst();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"'(?:[^']|'')*'")]
    private static partial Regex Quoted();
}
