using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Core.Typing;

/// <summary>
/// What the ETL does to one dataset, independent of the engine: for each target column where its value
/// comes from, how it is parsed and when a row is quarantined; and how partition values are derived.
/// Renderers turn it into SQL for DuckDB (local) and Spark (Glue).
/// </summary>
public sealed record TypingPlan(string Dataset, string SourceFormat, IReadOnlyList<PlannedColumn> Columns, IReadOnlyList<PlannedPartition> Partitions)
{
    public const string ReasonColumn = "_quarantine_reason";
}

/// <summary>One target column. Formats are tried in order; the first that parses wins.</summary>
public sealed record PlannedColumn(
    string Name,
    string Source,
    TargetType Type,
    IReadOnlyList<string> Formats,
    bool Required,
    IReadOnlyList<string>? TrueValues,
    IReadOnlyList<string>? FalseValues,
    IReadOnlyList<string>? AllowedValues);

public sealed record PlannedPartition(string Name, string Column, string Transform);

/// <summary>Renders a typing plan as one SELECT over a relation of raw rows whose columns are all text.</summary>
public interface ITypingPlanRenderer
{
    string Engine { get; }

    /// <param name="plan">The plan to render.</param>
    /// <param name="sourceRelation">The relation (table, view or subquery) holding the raw rows.</param>
    /// <param name="presentSources">Source columns the raw data has (case-insensitive); others render as missing.</param>
    /// <param name="passThrough">Columns of the source relation copied as they are (row number, file name).</param>
    string RenderSelect(TypingPlan plan, string sourceRelation, IReadOnlySet<string> presentSources, IReadOnlyList<string> passThrough);

    /// <summary>A partition's value from its column's typed value, as <see cref="RenderSelect"/> derives it.</summary>
    string RenderPartitionValue(PlannedPartition partition, string typedValue);
}
