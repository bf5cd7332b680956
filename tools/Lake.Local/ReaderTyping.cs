using System.Globalization;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Typing;

namespace SocarDataLake.Local;

/// <summary>
/// The fast path of a CSV object's plain lines (the object whole, or its lines the column scan let through when it was
/// split by <see cref="TextLineSplit"/>): DuckDB's CSV reader types the number and timestamp columns that hold only
/// plain texts (<see cref="PlainColumnScan"/>), the typing plan types the rest from their text, and the rows go straight
/// to the partitioned output, with no staged copy. Text typing was most of the ETL's cost. The first value the reader
/// refuses, or the first row that would get a reason, fails the statement; the object is then typed by the plan alone,
/// so every bad row keeps the reason, line and raw values it has always had.
/// </summary>
internal static class ReaderTyping
{
    // The timestamp formats the reader's own ISO reading matches: the plan casts texts of these shapes the same way.
    // A contract's seconds format also accepts the time without seconds (ContractCompiler).
    private const string IsoSeconds = "%Y-%m-%d %H:%M:%S";
    private const string IsoMinutes = "%Y-%m-%d %H:%M";

    /// <summary>What texts a column must hold for the reader to type it, or null when the plan alone types it.</summary>
    public static PlainKind? Kind(PlannedColumn column)
    {
        if (column.AllowedValues is { Count: > 0 }) return null;
        return column.Type.Kind switch
        {
            TypeKind.Int or TypeKind.BigInt => PlainKind.Integer,
            TypeKind.Decimal => PlainKind.Decimal,
            TypeKind.Double => PlainKind.Double,
            TypeKind.Timestamp when column.Formats is [IsoSeconds] or [IsoSeconds, IsoMinutes] => PlainKind.Timestamp,
            _ => null,
        };
    }

    /// <summary>
    /// How plain the column's texts must be: a decimal's scale, and the digits before the point that its reader type
    /// always holds (9 for INTEGER, 18 for BIGINT, a decimal's precision less its scale); a longer text goes to the plan.
    /// </summary>
    public static PlainColumnScan.Limit Limit(TargetType type) => type.Kind switch
    {
        TypeKind.Int => new(0, 9),
        TypeKind.BigInt => new(0, 18),
        TypeKind.Decimal => new(type.Scale, type.Precision - type.Scale),
        _ => PlainColumnScan.Limit.None,
    };

    /// <summary>The statement and the columns the reader types in it, or null when none can be (the plan's own path is as fast then).</summary>
    public static (string Statement, IReadOnlyList<string> ReaderTyped)? CopyStatement(TypingPlan plan, ITypingPlanRenderer renderer, IReadOnlyList<string> header, string input, string delimiter, IReadOnlySet<int> plainColumns, string target, string copyOptions)
    {
        if (header.Distinct(StringComparer.OrdinalIgnoreCase).Count() != header.Count) return null;
        var readerTyped = new Dictionary<PlannedColumn, int>();
        foreach (var c in plan.Columns)
        {
            if (Kind(c) is null) continue;
            // A source another column reads too must stay text there.
            if (plan.Columns.Count(o => string.Equals(o.Source, c.Source, StringComparison.OrdinalIgnoreCase)) > 1) continue;
            var index = header.ToList().FindIndex(h => string.Equals(h, c.Source, StringComparison.OrdinalIgnoreCase));
            if (index >= 0 && plainColumns.Contains(index)) readerTyped[c] = index;
        }
        var textTyped = plan with
        {
            Columns = [.. plan.Columns.Where(c => !readerTyped.ContainsKey(c))],
            Partitions = [.. plan.Partitions.Where(p => !readerTyped.Keys.Any(c => c.Name == p.Column))],
        };
        if (readerTyped.Count == 0 || textTyped.Columns.Count == 0) return null;

        var reader = CsvReading.ReadCsv(input, delimiter, header.Select((h, i) => (h, readerTyped.FirstOrDefault(r => r.Value == i).Key is { } c ? ReaderType(c.Type) : "VARCHAR")));
        // Aliases, since a source may share its name with a column the plan writes.
        var alias = readerTyped.Keys.Select((c, i) => (Column: c, Alias: $"__typed_{i.ToString(CultureInfo.InvariantCulture)}")).ToDictionary(a => a.Column, a => a.Alias);
        var relation = $"(SELECT *, {string.Join(", ", readerTyped.Select(r => $"{Sql.Ident(header[r.Value])} AS {alias[r.Key]}"))} FROM {reader})";
        var present = header.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var typed = renderer.RenderSelect(textTyped, relation, present, [.. alias.Values]);

        var outputs = plan.Columns.Select(c => alias.TryGetValue(c, out var a) ? $"{a} AS {Sql.Ident(c.Name)}" : Sql.Ident(c.Name))
            .Concat(plan.Partitions.Select(p => readerTyped.Keys.FirstOrDefault(c => c.Name == p.Column) is { } c
                ? $"{renderer.RenderPartitionValue(p, alias[c])} AS {Sql.Ident(p.Name)}"
                : Sql.Ident(p.Name)));
        // What the plan would quarantine a row for, given the reader read its values: a reason, or a required value missing.
        var bad = string.Join(" OR ", readerTyped.Keys.Where(c => c.Required).Select(c => $"{alias[c]} IS NULL").Prepend($"{Sql.Ident(TypingPlan.ReasonColumn)} IS NOT NULL"));
        return ($"COPY (SELECT {string.Join(", ", outputs)} FROM ({typed}) WHERE CASE WHEN {bad} THEN error('{BadRow}') ELSE TRUE END) TO {Sql.Literal(target)} ({copyOptions})",
            [.. readerTyped.Keys.Select(c => c.Name)]);
    }

    /// <summary>The message the statement fails with on a row the plan would quarantine.</summary>
    public const string BadRow = "a row the typing plan quarantines";

    /// <summary>The type the reader reads a column of <see cref="Kind"/> as.</summary>
    internal static string ReaderType(TargetType type) => type.Kind switch
    {
        TypeKind.Int => "INTEGER",
        TypeKind.BigInt => "BIGINT",
        TypeKind.Double => "DOUBLE",
        TypeKind.Timestamp => "TIMESTAMP",
        _ => $"DECIMAL({type.Precision.ToString(CultureInfo.InvariantCulture)},{type.Scale.ToString(CultureInfo.InvariantCulture)})",
    };
}
