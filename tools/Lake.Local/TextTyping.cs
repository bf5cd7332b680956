using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Typing;

namespace SocarDataLake.Local;

/// <summary>Where a bad row's data row and line come from, for its quarantine record.</summary>
internal enum BadRowPlace
{
    /// <summary>A whole CSV: the data row is the row's order, its line the line audit's (<see cref="CsvLines.RowLines"/>).</summary>
    AuditByRow,

    /// <summary>JSON lines: the data row is the row's order, its line read with it.</summary>
    InRow,

    /// <summary>A CSV's text lines (<see cref="TextLineSplit"/>): the line and the data row read with the row, in file order.</summary>
    InRowWithDataRow,
}

/// <summary>
/// The typing plan's own path: every value typed from its text in DuckDB into a staged Parquet file, in input order,
/// with a reason and the raw values where a row failed; then the good rows to the output and the bad rows to
/// quarantine, both read from that file, so the text is parsed once.
/// </summary>
internal sealed class TextTyping(DuckSession duck, TypingPlan plan, DatasetContract contract, ITypingPlanRenderer renderer)
{
    private static readonly string Reason = Sql.Ident(TypingPlan.ReasonColumn);

    private IEnumerable<string> Outputs => plan.Columns.Select(c => Sql.Ident(c.Name)).Concat(plan.Partitions.Select(p => Sql.Ident(p.Name)));

    /// <summary>A staged file, how many rows it holds, and whether their raw values are a STRUCT (made JSON only in the bad rows' records) rather than JSON text.</summary>
    public sealed record Staged(string Path, long Rows, bool ValuesStruct);

    /// <summary>Types the rows of <paramref name="reader"/> into <paramref name="stage"/>.</summary>
    /// <param name="lineColumn">The reader's column holding each row's line, or null when the rows do not carry it.</param>
    /// <param name="dataRowColumn">The reader's column holding each row's data row, or null; its rows are then mostly bad
    /// (a split's text lines), and their raw values are staged as a STRUCT.</param>
    public Staged Stage(string reader, IReadOnlyList<string> sources, IReadOnlySet<string> present, string? lineColumn, string stage, string? dataRowColumn = null)
    {
        // Only the columns the contract names travel on (a 5,000-column file ran out of memory carrying all of
        // them); raw values travel under aliases, since a source column may share its name with a target column.
        var contractSources = contract.Columns.Select(c => c.Source).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rawAliases = sources.Where(contractSources.Contains).Select((s, i) => (Source: s, Alias: $"__raw_{i}")).ToList();
        string[] carried = [.. new[] { lineColumn, dataRowColumn }.OfType<string>()];
        var relation = $"(SELECT {string.Join(", ", rawAliases.Select(a => $"{Sql.Ident(a.Source)}, {Sql.Ident(a.Source)} AS {a.Alias}").Concat(carried.Select(Sql.Ident)).DefaultIfEmpty("NULL AS __none"))} FROM {reader})";
        var typed = renderer.RenderSelect(plan, relation, present, [.. rawAliases.Select(a => a.Alias), .. carried]);
        // For bad rows a STRUCT costs a third less than JSON text to build and stage; for a whole file, mostly good rows,
        // its column per value cost more to stage than it saved (the 1M-row file with 1 % bad took longer). Its names
        // must be distinct as DuckDB compares them (without case), and not empty, or the values stay JSON text.
        var valuesStruct = dataRowColumn is not null && rawAliases.Count > 0 && rawAliases.All(a => a.Source.Length > 0) && rawAliases.Select(a => a.Source).Distinct(StringComparer.OrdinalIgnoreCase).Count() == rawAliases.Count;
        var values = rawAliases.Count == 0 ? "NULL"
            : valuesStruct ? $"struct_pack({string.Join(", ", rawAliases.Select(a => $"{Sql.Ident(a.Source)} := {a.Alias}"))})"
            : $"CAST(json_object({string.Join(", ", rawAliases.Select(a => $"{Sql.Literal(a.Source)}, {a.Alias}"))}) AS VARCHAR)";
        string Carried(string? column) => column is null ? "CAST(NULL AS BIGINT)" : Sql.Ident(column);
        duck.Execute("SET preserve_insertion_order = true");
        var rows = duck.Execute(
            $"COPY (SELECT {string.Join(", ", Outputs)}, {Reason}, CASE WHEN {Reason} IS NOT NULL THEN {values} END AS __values, {Carried(lineColumn)} AS __line, {Carried(dataRowColumn)} AS __data_row FROM ({typed})) " +
            $"TO {Sql.Literal(stage)} (FORMAT PARQUET, COMPRESSION 'uncompressed')");
        return new Staged(stage, rows, valuesStruct);
    }

    /// <summary>Writes the staged good rows to the output; how many.</summary>
    public long WriteGood(Staged stage, string target, string options)
    {
        // The partitioned write may reorder rows; that lets DuckDB write partitions in parallel.
        duck.Execute("SET preserve_insertion_order = false");
        return duck.Execute($"COPY (SELECT {string.Join(", ", Outputs)} FROM read_parquet({Sql.Literal(stage.Path)}) WHERE {Reason} IS NULL) TO {Sql.Literal(target)} ({options})");
    }

    /// <summary>Writes the staged bad rows to <paramref name="badFile"/> as quarantine records, in data row order; how many.</summary>
    public long WriteBad(string rawKey, Staged stage, string badFile, BadRowPlace place)
    {
        var bad = $"read_parquet({Sql.Literal(stage.Path)}, file_row_number = true) WHERE {Reason} IS NOT NULL";
        // The split's text lines are staged in file order with their data rows, so their records need no join and no
        // sort: in a 10 %-bad file these two were half the cost of writing the records.
        var (rowsFrom, dataRow, line, order) = place switch
        {
            BadRowPlace.AuditByRow => ($"(SELECT file_row_number + 1 AS data_row, * FROM {bad}) b ASOF LEFT JOIN {CsvLines.RowLines} r ON b.data_row >= r.data_row", "b.data_row", "r.line + (b.data_row - r.data_row)", " ORDER BY 2"),
            BadRowPlace.InRow => ($"(SELECT file_row_number + 1 AS data_row, * FROM {bad}) b", "b.data_row", "b.__line", " ORDER BY 2"),
            _ => ($"(SELECT * FROM {bad}) b", "b.__data_row", "b.__line", ""),
        };
        var values = stage.ValuesStruct ? "to_json(b.__values)" : "CAST(b.__values AS JSON)";
        duck.Execute("SET preserve_insertion_order = true");
        return duck.Execute(
            $"COPY (SELECT {Sql.Literal(rawKey)} AS raw_object, {dataRow} AS data_row, {line} AS line, b.{Reason} AS reason, {values} AS \"values\" " +
            $"FROM {rowsFrom}{order}) TO {Sql.Literal(badFile)} (FORMAT JSON)");
    }
}
