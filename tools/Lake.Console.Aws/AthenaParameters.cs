using System.Globalization;
using System.Text;
using SocarDataLake.Core;

namespace SocarDataLake.LakeConsole.Aws;

/// <summary>
/// A dashboard's <c>$name</c> parameters as Athena's execution parameters ("Use parameterized queries", Athena User
/// Guide; StartQueryExecution, ExecutionParameters): each <c>$name</c> outside strings, quoted identifiers and
/// comments becomes a <c>?</c>, and its value goes, in the order of the placeholders, into ExecutionParameters, which
/// Athena applies sequentially as SQL literals. The statement's text is never built from a value: a value is only
/// ever a literal of its declared type, made here (text quoted with ' doubled, a number from its checked binary
/// value, a date as DATE 'yyyy-mm-dd').
/// </summary>
public static class AthenaParameters
{
    /// <summary>The statement with <c>?</c> placeholders and the literal for each, in order.</summary>
    public static (string Sql, IReadOnlyList<string> Values) Bind(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var text = new StringBuilder(sql.Length);
        var values = new List<string>();
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            var skipped = SkipEnd(sql, i);
            if (skipped > i)
            {
                text.Append(sql, i, skipped - i + 1);
                i = skipped;
            }
            else if (c == '?')
                throw new LakeException($"the query holds a ? at character {i + 1} outside strings and comments: on Athena that is a parameter placeholder, and this query's parameters are $names. Nothing was sent to Athena.");
            else if (c == '$' && (i == 0 || !IsNamePart(sql[i - 1]) && sql[i - 1] != '$') && i + 1 < sql.Length && (char.IsAsciiLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                var end = i + 1;
                while (end < sql.Length && IsNamePart(sql[end])) end++;
                var name = sql[(i + 1)..end];
                if (!parameters.TryGetValue(name, out var value))
                    throw new LakeException($"the query uses ${name} at character {i + 1}, which has no value: give it as a parameter ({(parameters.Count == 0 ? "none are given" : "given: " + string.Join(", ", parameters.Keys.Select(k => "$" + k)))}). Nothing was sent to Athena.");
                values.Add(Literal(name, value));
                text.Append('?');
                i = end - 1;
            }
            else text.Append(c);
        }
        return (text.ToString(), values);
    }

    /// <summary>The SQL literal of one value, from its type as the dashboard declared it (DashboardParameters.Parse).</summary>
    public static string Literal(string name, object? value) => value switch
    {
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        int whole => whole.ToString(CultureInfo.InvariantCulture),
        // "R" round-trips the double; Trino reads 2.5 as DECIMAL and 1E-7 as DOUBLE, both compare with numbers.
        double number when double.IsFinite(number) => number.ToString("R", CultureInfo.InvariantCulture),
        DateOnly date => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'",
        _ => throw new LakeException($"parameter ${name} is {(value is null ? "null" : $"a {value.GetType().Name}")}: on Athena a parameter is text, a whole number, a finite number or a date. Nothing was sent to Athena."),
    };

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // The index of the last character of the comment, string or quoted identifier that starts at i, or i - 1 if none does.
    private static int SkipEnd(string sql, int i)
    {
        var c = sql[i];
        if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
        {
            // A line comment ends at CR or LF, as Trino's grammar and DuckDB end it.
            var end = sql.IndexOfAny(['\r', '\n'], i);
            return end < 0 ? sql.Length - 1 : end;
        }
        if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
        {
            var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return end < 0 ? sql.Length - 1 : end + 1;
        }
        if (c is not ('\'' or '"' or '`')) return i - 1;
        for (var j = i + 1; j < sql.Length; j++)
        {
            if (sql[j] != c) continue;
            if (j + 1 < sql.Length && sql[j + 1] == c) { j++; continue; }
            return j;
        }
        return sql.Length - 1;
    }
}
