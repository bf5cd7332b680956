namespace SocarDataLake.Aws.Athena;

/// <summary>A result column: its name and Athena's type name (varchar, bigint, double, decimal, date, …).</summary>
public sealed record AthenaColumn(string Name, string Type);

/// <summary>Rows of a query result as Athena returns them: text values, null where the value is NULL.</summary>
public sealed record AthenaRows(IReadOnlyList<AthenaColumn> Columns, IReadOnlyList<string?[]> Rows, bool Truncated);
