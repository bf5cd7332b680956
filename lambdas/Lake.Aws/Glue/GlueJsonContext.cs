using System.Text.Json.Serialization;

namespace SocarDataLake.Aws.Glue;

// The request and response shapes of the three Glue read operations `lake status|runs --aws` use, as the AWS Glue
// Web API Reference names them (GetTables, GetPartitions, GetJobRuns). Fields the lake does not read are left out:
// the JSON protocol ignores unknown members in both directions. Timestamps arrive as epoch seconds.

internal sealed record GetTablesRequest(string DatabaseName, string? NextToken, int MaxResults);

internal sealed record GetTablesResponse(IReadOnlyList<TableBody>? TableList, string? NextToken);

internal sealed record TableBody(string? Name, IReadOnlyList<ColumnBody>? PartitionKeys, StorageDescriptorBody? StorageDescriptor);

internal sealed record ColumnBody(string? Name, string? Type);

internal sealed record StorageDescriptorBody(string? Location, IReadOnlyList<ColumnBody>? Columns);

internal sealed record GetPartitionsRequest(string DatabaseName, string TableName, string? NextToken, int MaxResults, bool ExcludeColumnSchema);

internal sealed record GetPartitionsResponse(IReadOnlyList<PartitionBody>? Partitions, string? NextToken);

internal sealed record PartitionBody(IReadOnlyList<string>? Values);

internal sealed record GetJobRunsRequest(string JobName, string? NextToken, int MaxResults);

internal sealed record GetJobRunsResponse(IReadOnlyList<JobRunBody>? JobRuns, string? NextToken);

internal sealed record JobRunBody(string? Id, string? JobRunState, double? StartedOn, double? CompletedOn, int? ExecutionTime, string? ErrorMessage);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetTablesRequest))]
[JsonSerializable(typeof(GetTablesResponse))]
[JsonSerializable(typeof(GetPartitionsRequest))]
[JsonSerializable(typeof(GetPartitionsResponse))]
[JsonSerializable(typeof(GetJobRunsRequest))]
[JsonSerializable(typeof(GetJobRunsResponse))]
internal sealed partial class GlueJsonContext : JsonSerializerContext;
