namespace SocarDataLake.Local;

/// <summary>
/// The one way the ETL has DuckDB read a raw CSV: RFC 4180 quoting, nothing detected, strict. The text path, the
/// reader's typed path and a split's text lines must read a line alike, or a split would give other rows than the text
/// path; so the dialect is written once.
/// </summary>
internal static class CsvReading
{
    /// <param name="columns">Every column of the file, in order, with the type DuckDB reads it as.</param>
    /// <param name="keepRejects">Read on past a record DuckDB rejects, noting it in <c>__rejects</c>; otherwise the
    /// statement fails at it.</param>
    public static string ReadCsv(string path, string delimiter, IEnumerable<(string Name, string Type)> columns, bool keepRejects = false) =>
        $"read_csv({Sql.Literal(path)}, header = true, delim = {Sql.Literal(delimiter)}, quote = '\"', escape = '\"', compression = 'none', auto_detect = false, " +
        $"columns = {{{string.Join(", ", columns.Select(c => $"{Sql.Literal(c.Name)}: {Sql.Literal(c.Type)}"))}}}, strict_mode = true, " +
        (keepRejects ? "ignore_errors = true, store_rejects = true, rejects_table = '__rejects', rejects_scan = '__reject_scans')" : "ignore_errors = false)");
}
