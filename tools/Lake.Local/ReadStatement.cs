using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using SocarDataLake.Core;

namespace SocarDataLake.Local;

/// <summary>
/// Decides, with DuckDB's own parser and binder, whether SQL is exactly one read statement. Text rules (a first
/// keyword, a deny list) miss what DuckDB accepts: COPY, ATTACH, EXPORT, a second statement after a semicolon.
/// The text is split into statements by duckdb_extract_statements; the single one must be a SELECT to DuckDB's parser
/// alone (which covers FROM-first, WITH, VALUES, DESCRIBE, SUMMARIZE) before it is prepared, and prepared (not run)
/// it must still be of statement type SELECT.
/// </summary>
internal static partial class ReadStatement
{
    public static void Require(DuckDBConnection connection, string sql)
    {
        if (string.IsNullOrWhiteSpace(sql))
            throw new LakeException("the query is empty: give one SELECT statement, such as lake query \"SELECT count(*) FROM tripdata\".");
        var native = connection.NativeConnection;
        var count = NativeMethods.ExtractStatements.DuckDBExtractStatements(native, sql, out var extracted);
        using (extracted)
        {
            if (count <= 0)
            {
                var error = NativeMethods.ExtractStatements.DuckDBExtractStatementsError(extracted);
                throw new LakeException(string.IsNullOrWhiteSpace(error) ? "the query holds no SQL statement: give one SELECT statement." : $"query failed: {FirstLine(error)}");
            }
            if (count > 1 && DynamicPivot().IsMatch(Comments().Replace(sql, " ")))
                throw new LakeException("PIVOT without an IN list is not supported by lake query: DuckDB runs it as several statements (it first creates a type from the ON column's values). Name the values (PIVOT … ON b IN ('x', 'y') USING sum(a)), or use UNPIVOT or GROUP BY. Nothing was executed.");
            if (count > 1)
                throw new LakeException($"the query holds {count} statements; lake query runs one read statement (SELECT), so run them one at a time.");
            RequireParsedSelect(connection, sql);
            var state = NativeMethods.ExtractStatements.DuckDBPrepareExtractedStatement(native, extracted, 0, out var prepared);
            using (prepared)
            {
                if (state != DuckDBState.Success)
                    throw new LakeException($"query failed: {FirstLine(NativeMethods.PreparedStatements.DuckDBPrepareError(prepared))}");
                var type = PreparedStatementType(prepared);
                if (type != SelectStatement)
                    throw new LakeException($"lake query is read-only: this is {TypeName(type)}; only SELECT (including FROM …, WITH …, VALUES, DESCRIBE) runs. Nothing was executed.");
            }
        }
    }

    // Preparing binds, and binding is not free of effects: EXPORT DATABASE created its directory while being prepared
    // for its type. json_serialize_sql runs DuckDB's parser alone and serializes only SELECT statements (its error
    // type then says "not implemented"), so nothing but a SELECT ever reaches the binder.
    private static void RequireParsedSelect(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT json_serialize_sql({Sql.Literal(sql)})";
        using var parsed = System.Text.Json.JsonDocument.Parse((string)command.ExecuteScalar()!);
        var root = parsed.RootElement;
        if (!root.TryGetProperty("error", out var error) || !error.GetBoolean()) return;
        var type = root.TryGetProperty("error_type", out var t) ? t.GetString() : null;
        if (type != "not implemented")
            throw new LakeException($"query failed: {FirstLine(root.TryGetProperty("error_message", out var m) ? m.GetString() : type)}");
        throw new LakeException($"lake query is read-only: this is {Named(sql)}; only SELECT (including FROM …, WITH …, VALUES, DESCRIBE) runs. Nothing was executed.");
    }

    // For the message only (the parser decided): the statement's first keyword, as a user wrote it.
    private static string Named(string sql)
    {
        var word = new string(Comments().Replace(sql, " ").TrimStart().TakeWhile(char.IsAsciiLetter).ToArray()).ToUpperInvariant();
        return word.Length == 0 || word == "WITH" ? "not a SELECT statement" : $"a statement of type {word}";
    }

    // For the message only (the statement count decided): a PIVOT, which DuckDB splits into statements when the ON
    // column's values are not listed.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![A-Za-z_])PIVOT(?![A-Za-z_])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DynamicPivot();

    [System.Text.RegularExpressions.GeneratedRegex(@"--[^\n]*|/\*.*?\*/", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Comments();

    private static string FirstLine(string? message) => (message ?? "").Split('\n')[0];

    /// <summary>DUCKDB_STATEMENT_TYPE_SELECT of duckdb.h's duckdb_statement_type.</summary>
    private const int SelectStatement = 1;

    // duckdb.h's duckdb_statement_type, in its order. DuckDB.NET's own enum differs from it after VACUUM (a hostile
    // review saw ATTACH named LOGICALPLAN), so the lake names the C API's values itself, and any newer one by number.
    private static readonly string[] StatementTypes =
    [
        "INVALID", "SELECT", "INSERT", "UPDATE", "EXPLAIN", "DELETE", "PREPARE", "CREATE", "EXECUTE", "ALTER", "TRANSACTION",
        "COPY", "ANALYZE", "VARIABLE SET", "CREATE FUNCTION", "DROP", "EXPORT", "PRAGMA", "VACUUM", "CALL", "SET", "LOAD",
        "RELATION", "EXTENSION", "LOGICAL PLAN", "ATTACH", "DETACH", "MULTI",
    ];

    private static string TypeName(int type) =>
        type >= 0 && type < StatementTypes.Length ? $"a statement of type {StatementTypes[type]}" : $"a statement of DuckDB statement type {type}";

    // DuckDB.NET binds the rest of the prepared-statement API but not this one (DuckDB C API, "duckdb_prepared_statement_type").
    [DllImport("duckdb", EntryPoint = "duckdb_prepared_statement_type", CallingConvention = CallingConvention.Cdecl)]
    private static extern int PreparedStatementType(DuckDBPreparedStatement statement);
}
