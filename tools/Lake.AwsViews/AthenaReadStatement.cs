using SocarDataLake.Core;

namespace SocarDataLake.AwsViews;

/// <summary>
/// `lake query --aws` and the console on AWS run one read-only query, refused here before anything is sent. Athena
/// speaks Trino SQL, which DuckDB's parser (the local lake's judge, <c>ReadStatement</c>) does not fully accept, so the check is lexical and
/// conservative: comments and quoted strings and identifiers are skipped, the text must hold exactly one statement (a
/// trailing ';' allowed), and it must begin with SELECT, WITH or VALUES, possibly inside parentheses. Trino's SELECT
/// synopsis (trino.io/docs/current/sql/select.html) puts every WITH form (WITH SESSION, WITH FUNCTION, WITH
/// [RECURSIVE]) before a SELECT, and its INSERT takes the WITH after INSERT INTO (sql/insert.html), so a statement
/// that begins with WITH is a query: Trino has no data-changing common table expressions. CTAS (CREATE TABLE … AS),
/// INSERT, UNLOAD, MSCK, EXPLAIN ANALYZE and every other statement begin with another word.
/// </summary>
public static class AthenaReadStatement
{
    private static readonly HashSet<string> ReadWords = new(StringComparer.OrdinalIgnoreCase) { "SELECT", "WITH", "VALUES" };

    private const string WhatRuns = "only SELECT (including WITH …, VALUES, (SELECT …)) runs. Nothing was sent to Athena.";

    /// <param name="verb">Who refuses, as the user called it.</param>
    public static void Check(string sql, string verb = "lake query --aws")
    {
        var statements = Statements(sql);
        if (statements.Count == 0)
            throw new LakeException("the query is empty (only comments or ';'): give one SQL statement, such as \"SELECT count(*) FROM tripdata\".");
        if (statements.Count > 1)
            throw new LakeException($"the query holds {statements.Count} statements; {verb} runs one read statement (SELECT), so run them one at a time. Nothing was sent to Athena.");
        var text = statements[0].TrimStart('(', ' ');
        var first = Word(text);
        if (ReadWords.Contains(first)) return;
        var type = first switch
        {
            "" => "not a SELECT statement",
            "EXPLAIN" when Word(text[first.Length..].TrimStart()) == "ANALYZE" => "a statement of type EXPLAIN ANALYZE (it runs the query it explains)",
            _ => $"a statement of type {first}",
        };
        throw new LakeException($"{verb} is read-only: this is {type}; {WhatRuns}");
    }

    private static string Word(string text) => new string(text.TakeWhile(char.IsAsciiLetter).ToArray()).ToUpperInvariant();

    // The statements' text outside comments and quotes, each quoted string or identifier left as one space and every
    // run of white space as one space; statements are split at ';' and empty ones dropped.
    private static List<string> Statements(string sql)
    {
        var statements = new List<string>();
        var current = new System.Text.StringBuilder();
        void Space()
        {
            if (current.Length > 0 && current[^1] != ' ') current.Append(' ');
        }
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
                Space();
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new LakeException($"the comment opened at character {i + 1} (/*) never closes. Nothing was sent to Athena.");
                i = end + 1;
                Space();
            }
            else if (c is '\'' or '"' or '`')
            {
                i = QuoteEnd(sql, i);
                Space();
            }
            else if (c == ';')
            {
                if (current.ToString().Trim().Length > 0) statements.Add(current.ToString().Trim());
                current.Clear();
            }
            else if (char.IsWhiteSpace(c)) Space();
            else current.Append(c);
        }
        if (current.ToString().Trim().Length > 0) statements.Add(current.ToString().Trim());
        return statements;
    }

    // A quote closes at the next same quote character that is not doubled ('it''s', "a""b").
    private static int QuoteEnd(string sql, int open)
    {
        var quote = sql[open];
        for (var i = open + 1; i < sql.Length; i++)
        {
            if (sql[i] != quote) continue;
            if (i + 1 < sql.Length && sql[i + 1] == quote) { i++; continue; }
            return i;
        }
        var what = quote == '\'' ? "string" : "quoted identifier";
        throw new LakeException($"the {what} opened at character {open + 1} ({quote}) never closes. Nothing was sent to Athena.");
    }
}
