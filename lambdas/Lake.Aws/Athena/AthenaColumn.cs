namespace SocarDataLake.Aws.Athena;

/// <summary>A result column: its name and Athena's type name (varchar, bigint, double, decimal, date, …).</summary>
public sealed record AthenaColumn(string Name, string Type);

/// <summary>Rows of a query result as Athena returns them: text values, null where the value is NULL.</summary>
public sealed record AthenaRows(IReadOnlyList<AthenaColumn> Columns, IReadOnlyList<string?[]> Rows, bool Truncated);

/// <summary>
/// A place in a query's result to read on from: the NextToken of GetQueryResults that leads to data row
/// <see cref="Row"/> (0-based, the header row not counted), and the result's columns, which the first page gave.
/// </summary>
public sealed record AthenaResultPosition(int Row, string Token, IReadOnlyList<AthenaColumn> Columns);
