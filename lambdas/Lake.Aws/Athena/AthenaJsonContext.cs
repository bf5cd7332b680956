using System.Text.Json.Serialization;

namespace SocarDataLake.Aws.Athena;

// The request and response shapes of the four Athena operations `lake query --aws` uses, as the Athena API
// Reference (API version 2017-05-18) names them. Fields the lake does not read are left out: the JSON protocol
// ignores unknown members in both directions.

/// <summary>ExecutionParameters, when given, hold at least one value: null leaves the member out.</summary>
internal sealed record StartQueryExecutionRequest(string QueryString, string ClientRequestToken, string WorkGroup, QueryExecutionContext QueryExecutionContext,
    IReadOnlyList<string>? ExecutionParameters);

internal sealed record QueryExecutionContext(string Database);

internal sealed record StartQueryExecutionResponse(string? QueryExecutionId);

internal sealed record QueryExecutionIdRequest(string QueryExecutionId);

/// <summary>StopQueryExecution answers HTTP 200 with an empty body.</summary>
internal sealed record EmptyResponse;

internal sealed record GetQueryExecutionResponse(QueryExecutionBody? QueryExecution);

internal sealed record QueryExecutionBody(string? QueryExecutionId, string? Query, string? StatementType, QueryExecutionStatus? Status,
    QueryExecutionStatistics? Statistics, ResultConfiguration? ResultConfiguration);

internal sealed record QueryExecutionStatus(string? State, string? StateChangeReason, AthenaErrorBody? AthenaError);

internal sealed record AthenaErrorBody(int? ErrorCategory, int? ErrorType, bool? Retryable, string? ErrorMessage);

internal sealed record QueryExecutionStatistics(long? DataScannedInBytes, long? EngineExecutionTimeInMillis, long? TotalExecutionTimeInMillis);

internal sealed record ResultConfiguration(string? OutputLocation);

internal sealed record GetQueryResultsRequest(string QueryExecutionId, string? NextToken, int MaxResults);

internal sealed record GetQueryResultsResponse(ResultSetBody? ResultSet, string? NextToken);

internal sealed record ResultSetBody(IReadOnlyList<RowBody>? Rows, ResultSetMetadata? ResultSetMetadata);

internal sealed record RowBody(IReadOnlyList<Datum>? Data);

internal sealed record Datum(string? VarCharValue);

internal sealed record ResultSetMetadata(IReadOnlyList<ColumnInfoBody>? ColumnInfo);

internal sealed record ColumnInfoBody(string? Name, string? Type);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StartQueryExecutionRequest))]
[JsonSerializable(typeof(StartQueryExecutionResponse))]
[JsonSerializable(typeof(QueryExecutionIdRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(GetQueryExecutionResponse))]
[JsonSerializable(typeof(GetQueryResultsRequest))]
[JsonSerializable(typeof(GetQueryResultsResponse))]
internal sealed partial class AthenaJsonContext : JsonSerializerContext;
