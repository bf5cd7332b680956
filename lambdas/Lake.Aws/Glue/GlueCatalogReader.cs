using System.Text.Json;

namespace SocarDataLake.Aws.Glue;

/// <summary>A table of a Glue database: its name, partition keys and location, and its columns (partition keys not among them).</summary>
public sealed record GlueTable(string Name, IReadOnlyList<string> PartitionKeys, string? Location)
{
    public IReadOnlyList<GlueColumn> Columns { get; init; } = [];
}

/// <summary>A column as the catalog types it (Hive type names: string, bigint, double, decimal(10,2), …).</summary>
public sealed record GlueColumn(string Name, string Type);

/// <summary>
/// Reads the Glue Data Catalog: a database's tables (GetTables, at most 100 per page) and how many partitions a
/// table has (GetPartitions, at most 1,000 per page, without the column schema each partition would repeat). Both
/// follow NextToken until Glue returns none; throttled calls are repeated with backoff (AwsCallBackoff).
/// </summary>
public sealed class GlueCatalogReader(AwsJsonClient glue, TimeProvider clock)
{
    private const int TablesPerPage = 100;
    private const int PartitionsPerPage = 1000;

    public async Task<IReadOnlyList<GlueTable>> TablesAsync(string database, CancellationToken cancellationToken)
    {
        var tables = new List<GlueTable>();
        string? token = null;
        var tokens = new PageTokens($"GetTables of database {database}");
        do
        {
            var request = JsonSerializer.SerializeToUtf8Bytes(new GetTablesRequest(database, token, TablesPerPage), GlueJsonContext.Default.GetTablesRequest);
            var page = await glue.CallWithBackoffAsync("GetTables", request, GlueJsonContext.Default.GetTablesResponse, clock, cancellationToken);
            foreach (var table in page?.TableList ?? [])
                if (table.Name is { Length: > 0 } name)
                    tables.Add(new GlueTable(name, (table.PartitionKeys ?? []).Select(k => k.Name ?? "").ToList(), table.StorageDescriptor?.Location)
                    {
                        Columns = (table.StorageDescriptor?.Columns ?? []).Select(c => new GlueColumn(c.Name ?? "", c.Type ?? "")).ToList(),
                    });
            token = tokens.Next(page?.NextToken);
        }
        while (token is not null);
        return tables;
    }

    public async Task<long> PartitionCountAsync(string database, string table, CancellationToken cancellationToken)
    {
        long count = 0;
        string? token = null;
        var tokens = new PageTokens($"GetPartitions of table {database}.{table}");
        do
        {
            var request = JsonSerializer.SerializeToUtf8Bytes(new GetPartitionsRequest(database, table, token, PartitionsPerPage, ExcludeColumnSchema: true), GlueJsonContext.Default.GetPartitionsRequest);
            var page = await glue.CallWithBackoffAsync("GetPartitions", request, GlueJsonContext.Default.GetPartitionsResponse, clock, cancellationToken);
            count += page?.Partitions?.Count ?? 0;
            token = tokens.Next(page?.NextToken);
        }
        while (token is not null);
        return count;
    }
}
