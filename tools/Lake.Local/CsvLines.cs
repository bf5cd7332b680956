namespace SocarDataLake.Local;

/// <summary>
/// Gives DuckDB, after it read a CSV, the physical line of each of its records as two small tables: runs of rows
/// (a row's line is its run's line plus its distance from the run's first row) and rejected records.
/// </summary>
internal static class CsvLines
{
    /// <summary>(data_row, line): from data_row on, one row a line starting at line.</summary>
    public const string RowLines = "__row_lines";

    /// <summary>(record, line, lines): the line a record DuckDB rejected starts on (its rejects table numbers records, not lines).</summary>
    public const string RejectedLines = "__rejected_lines";

    /// <summary>Fills both tables from the audit's map and DuckDB's rejects (none, without <paramref name="rejectsTable"/>); why they disagree, or null.</summary>
    public static string? Place(DuckSession duck, CsvRecordMap map, long rowsRead, bool rejectsTable = true)
    {
        duck.Execute($"CREATE OR REPLACE TABLE {RowLines} (data_row BIGINT, line BIGINT); CREATE OR REPLACE TABLE {RejectedLines} (record BIGINT, line BIGINT, lines INTEGER)");
        var rejected = new List<long>();
        using (var reader = rejectsTable ? duck.Query("SELECT DISTINCT line FROM __rejects ORDER BY line") : null)
            while (reader?.Read() == true) rejected.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        using var rows = duck.Appender(RowLines);
        using var rejects = duck.Appender(RejectedLines);
        return map.Resolve(rejected, rowsRead,
            r => rejects.CreateRow().AppendValue(r.Record).AppendValue(r.Line).AppendValue(r.Lines).EndRow(),
            r => rows.CreateRow().AppendValue(r.DataRow).AppendValue(r.Line).EndRow());
    }
}
