using System.Globalization;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Typing;

namespace SocarDataLake.Local;

/// <summary>
/// The fast path of a CSV object whose rows are all good: DuckDB's CSV reader types the int, bigint and decimal columns
/// that hold only plain-number characters (<see cref="NumberColumnScan"/>), the typing plan types the rest from their
/// text, and the rows go straight to the partitioned output, with no staged copy. Text typing was most of the ETL's
/// cost. The first value the reader refuses, or the first row that would get a reason, fails the statement; the object
/// is then typed by the plan alone, so every bad row keeps the reason, line and raw values it has always had.
/// </summary>
internal static class ReaderTyping
{
    /// <summary>The statement, or null when no column can be read typed (the plan's own path is as fast then).</summary>
    public static string? CopyStatement(TypingPlan plan, ITypingPlanRenderer renderer, IReadOnlyList<string> header, string input, string delimiter, IReadOnlySet<int> plainColumns, string target, string copyOptions)
    {
        if (header.Distinct(StringComparer.OrdinalIgnoreCase).Count() != header.Count) return null;
        var readerTyped = new Dictionary<PlannedColumn, int>();
        foreach (var c in plan.Columns)
        {
            if (c.Type.Kind is not (TypeKind.Int or TypeKind.BigInt or TypeKind.Decimal) || c.AllowedValues is { Count: > 0 }) continue;
            // A partition is derived in the plan's SQL, and a source another column reads too must stay text there.
            if (plan.Partitions.Any(p => p.Column == c.Name)) continue;
            if (plan.Columns.Count(o => string.Equals(o.Source, c.Source, StringComparison.OrdinalIgnoreCase)) > 1) continue;
            var index = header.ToList().FindIndex(h => string.Equals(h, c.Source, StringComparison.OrdinalIgnoreCase));
            if (index >= 0 && plainColumns.Contains(index)) readerTyped[c] = index;
        }
        var textTyped = plan with { Columns = [.. plan.Columns.Where(c => !readerTyped.ContainsKey(c))] };
        if (readerTyped.Count == 0 || textTyped.Columns.Count == 0) return null;

        var types = header.Select((h, i) => $"{Sql.Literal(h)}: {Sql.Literal(readerTyped.FirstOrDefault(r => r.Value == i).Key is { } c ? ReaderType(c.Type) : "VARCHAR")}");
        var reader = $"read_csv({Sql.Literal(input)}, header = true, delim = {Sql.Literal(delimiter)}, quote = '\"', escape = '\"', compression = 'none', auto_detect = false, columns = {{{string.Join(", ", types)}}}, strict_mode = true, ignore_errors = false)";
        // Aliases, since a source may share its name with a column the plan writes.
        var alias = readerTyped.Keys.Select((c, i) => (Column: c, Alias: $"__typed_{i.ToString(CultureInfo.InvariantCulture)}")).ToDictionary(a => a.Column, a => a.Alias);
        var relation = $"(SELECT *, {string.Join(", ", readerTyped.Select(r => $"{Sql.Ident(header[r.Value])} AS {alias[r.Key]}"))} FROM {reader})";
        var present = header.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var typed = renderer.RenderSelect(textTyped, relation, present, [.. alias.Values]);

        var outputs = plan.Columns.Select(c => alias.TryGetValue(c, out var a) ? $"{a} AS {Sql.Ident(c.Name)}" : Sql.Ident(c.Name))
            .Concat(plan.Partitions.Select(p => Sql.Ident(p.Name)));
        // What the plan would quarantine a row for, given the reader read its numbers: a reason, or a required number missing.
        var bad = string.Join(" OR ", readerTyped.Keys.Where(c => c.Required).Select(c => $"{alias[c]} IS NULL").Prepend($"{Sql.Ident(TypingPlan.ReasonColumn)} IS NOT NULL"));
        return $"COPY (SELECT {string.Join(", ", outputs)} FROM ({typed}) WHERE CASE WHEN {bad} THEN error('{BadRow}') ELSE TRUE END) TO {Sql.Literal(target)} ({copyOptions})";
    }

    /// <summary>The message the statement fails with on a row the plan would quarantine.</summary>
    public const string BadRow = "a row the typing plan quarantines";

    /// <summary>The type the reader reads an int, bigint or decimal column as.</summary>
    internal static string ReaderType(TargetType type) => type.Kind switch
    {
        TypeKind.Int => "INTEGER",
        TypeKind.BigInt => "BIGINT",
        _ => $"DECIMAL({type.Precision.ToString(CultureInfo.InvariantCulture)},{type.Scale.ToString(CultureInfo.InvariantCulture)})",
    };
}
