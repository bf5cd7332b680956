using DuckDB.NET.Data;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Local;

public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, bool Truncated);

/// <summary>
/// Read-only SQL over the lake: one view per dataset over the Parquet files of its committed runs, in an
/// in-memory DuckDB that may read only the processed zone (external access off, configuration locked),
/// with a row limit.
/// </summary>
public sealed class QueryService(LakeRoot root, CatalogStore catalog)
{
    public const int DefaultLimit = 100;

    public QueryResult Run(string sql, int limit = DefaultLimit)
    {
        using var duck = DuckSession.Open(null, "512MB");
        foreach (var contract in root.Contracts())
        {
            var files = catalog.VisibleFiles(contract.Name);
            if (files.Count == 0) continue;
            duck.Execute($"CREATE VIEW {Sql.Ident(contract.Name)} AS SELECT * FROM read_parquet([{string.Join(", ", files.Select(Sql.Literal))}], hive_partitioning = true, union_by_name = true)");
        }
        duck.Execute($"SET allowed_directories = [{Sql.Literal(root.ZonePath(Zone.Processed) + Path.DirectorySeparatorChar)}]");
        duck.Execute("SET enable_external_access = false");
        duck.Execute("SET lock_configuration = true");

        var trimmed = sql.Trim().TrimEnd(';');
        var first = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant();
        var wrap = first is "select" or "with" or "from" or "values" or "table";
        var text = wrap ? $"SELECT * FROM ({trimmed}) LIMIT {limit + 1}" : trimmed;
        try
        {
            using var reader = duck.Query(text);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read() && rows.Count <= limit)
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Owned(reader.GetValue(i));
                rows.Add(row);
            }
            var truncated = rows.Count > limit;
            return new QueryResult(columns, truncated ? rows[..limit] : rows, truncated);
        }
        catch (DuckDBException e)
        {
            var known = string.Join(", ", root.Contracts().Where(c => catalog.VisibleFiles(c.Name).Count > 0).Select(c => c.Name));
            throw new LakeException($"query failed: {e.Message.Split('\n')[0]}\nQueryable datasets: {(known.Length > 0 ? known : "none yet (ingest something first)")}.");
        }
    }

    // A BLOB arrives as a stream over DuckDB's result memory, which the next row reuses: copy it while it is valid.
    private static object Owned(object value)
    {
        if (value is not Stream stream) return value;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
