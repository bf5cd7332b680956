using System.Text.Json.Serialization;
using SocarDataLake.Core.Catalog;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Quarantine;
using SocarDataLake.Core.Triggers;

namespace SocarDataLake.LakeConsole;

public sealed record ErrorBody(string Error);

public sealed record SessionBody(string Csrf, string Lake);

/// <summary>
/// One dataset as the datasets page shows it: its contract as written, and what the catalog knows of it. The raw and
/// processed object counts, pending objects and raw schema versions are the local lake's (null on AWS, where no cheap
/// read knows them); <see cref="Table"/> is the Glue catalog's table on AWS (null locally).
/// </summary>
public sealed record DatasetBody(
    string Name,
    DatasetContract Contract,
    int? RawObjects,
    int? PendingObjects,
    IReadOnlyList<string>? Pending,
    int? ProcessedObjects,
    int Runs,
    long Rows,
    long RowsQuarantined,
    RunSummary? LastRun,
    IReadOnlyList<SchemaVersion>? SchemaVersions,
    IReadOnlyList<string> IgnoredRunFiles)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CatalogTableBody? Table { get; init; }
}

/// <summary>A dataset's processed table in the Glue catalog: its columns as typed there, partition keys and how many partitions.</summary>
public sealed record CatalogTableBody(string Database, string Name, IReadOnlyList<SchemaColumn> Columns, IReadOnlyList<string> PartitionKeys, long Partitions, string? Location);

public sealed record DatasetsBody(IReadOnlyList<DatasetBody> Datasets);

public sealed record RunsBody(IReadOnlyList<RunSummary> Runs);

/// <summary>
/// GET /api/quarantine: the groups, the records they count, and whether reading stopped at records_read_cap (on AWS the
/// first 100,000 records; null locally, where every record is read).
/// </summary>
public sealed record QuarantineBody(IReadOnlyList<QuarantineGroup> Groups, long RecordsRead, int? RecordsReadCap, bool Truncated);

/// <summary>POST /api/queries. Unknown fields are refused, so a misspelt limit is named rather than ignored.</summary>
public sealed record QueryRequest(string? Sql, int? Limit, double? TimeoutSeconds);

public sealed record QueryStarted(string Id);

/// <summary>Where a query's whole CSV is: a presigned S3 address on AWS (it needs no token), the console's own locally.</summary>
public sealed record CsvLocation(string Location);

public sealed record DashboardsBody(IReadOnlyList<Dashboard> Dashboards, IReadOnlyList<DashboardProblem> Problems);

/// <summary>POST /api/dashboards/{dashboard}/queries/{query}: values for the dashboard's parameters (the rest keep their defaults).</summary>
public sealed record DashboardRunRequest(Dictionary<string, System.Text.Json.JsonElement>? Parameters, int? Limit, double? TimeoutSeconds);

// Field names are snake_case, as in the run records and contracts; nulls are written, so a page can tell "none" from "missing".
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(SessionBody))]
[JsonSerializable(typeof(DatasetsBody))]
[JsonSerializable(typeof(RunsBody))]
[JsonSerializable(typeof(QuarantineBody))]
[JsonSerializable(typeof(Ports.QuarantineFiles))]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(QueryStarted))]
[JsonSerializable(typeof(CsvLocation))]
[JsonSerializable(typeof(DashboardsBody))]
[JsonSerializable(typeof(DashboardRunRequest))]
internal sealed partial class ConsoleJson : JsonSerializerContext;
