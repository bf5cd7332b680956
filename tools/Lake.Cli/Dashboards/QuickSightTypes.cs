namespace SocarDataLake.Cli.Dashboards;

/// <summary>
/// DuckDB's result types (as <c>typeof()</c> spells them) and the dashboards' parameter types in QuickSight's five
/// input column types ("InputColumn", QuickSight API reference). Athena returns the same kinds for the same portable
/// SQL: a count is an integer there as here, an average a double.
/// </summary>
internal static class QuickSightTypes
{
    public static readonly string[] Numeric = ["INTEGER", "DECIMAL"];

    /// <summary>The QuickSight type of a result column, or null when QuickSight has none (lists, structs, blobs, times of day).</summary>
    public static string? OfColumn(string duckDbType)
    {
        var type = duckDbType.ToUpperInvariant();
        if (type.StartsWith("DECIMAL", StringComparison.Ordinal)) return "DECIMAL";
        if (type.StartsWith("TIMESTAMP", StringComparison.Ordinal)) return "DATETIME";
        return type switch
        {
            "VARCHAR" => "STRING",
            "BOOLEAN" => "BOOLEAN",
            // DuckDB sums integers into HUGEINT where Athena keeps bigint: both are QuickSight's one integer type.
            "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT" => "INTEGER",
            "FLOAT" or "DOUBLE" => "DECIMAL",
            "DATE" => "DATETIME",
            _ => null,
        };
    }

    public static string OfParameter(string dashboardType) => dashboardType switch
    {
        "integer" => "INTEGER",
        "number" => "DECIMAL",
        "date" => "DATETIME",
        _ => "STRING",
    };
}
