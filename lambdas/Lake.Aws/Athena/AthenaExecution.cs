namespace SocarDataLake.Aws.Athena;

/// <summary>
/// One query execution as GetQueryExecution reports it (Athena API Reference, QueryExecution,
/// QueryExecutionStatus, QueryExecutionStatistics and AthenaError).
/// </summary>
public sealed record AthenaExecution(
    string Id,
    string State,
    string? StateChangeReason,
    AthenaErrorCategory? ErrorCategory,
    string? StatementType,
    long? DataScannedBytes,
    TimeSpan? EngineTime,
    TimeSpan? TotalTime,
    string? OutputLocation)
{
    /// <summary>The query's text as Athena holds it (QueryExecution.Query).</summary>
    public string? Sql { get; init; }

    /// <summary>SUCCEEDED, FAILED and CANCELLED are final; QUEUED and RUNNING are not (RUNNING may even return to QUEUED).</summary>
    public bool IsFinal => State is "SUCCEEDED" or "FAILED" or "CANCELLED";

    /// <summary>Only a SELECT (statement type DML) has the column names as the first row of its first result page.</summary>
    public bool HasHeaderRow => StatementType is null or "DML";
}

/// <summary>AthenaError.ErrorCategory: whose fault a failed query is.</summary>
public enum AthenaErrorCategory
{
    System = 1,
    User = 2,
    Other = 3,
}
