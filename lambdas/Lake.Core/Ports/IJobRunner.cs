namespace SocarDataLake.Core.Ports;

public enum JobStartStatus
{
    Started,
    /// <summary>The dataset's job is at its concurrency limit: the caller retries later.</summary>
    ConcurrentRunsExceeded,
    Throttled,
}

public sealed record JobStart(JobStartStatus Status, string? RunId);

/// <summary>Starts the ETL job of one dataset: a Glue job run on AWS, the DuckDB engine locally.</summary>
public interface IJobRunner
{
    Task<JobStart> StartJobAsync(string dataset, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken);
}

/// <summary>What Glue knows of one job run: how long it ran and why it failed.</summary>
public sealed record JobRunDetails(string? State, double? ExecutionSeconds, string? ErrorMessage);

/// <summary>Reads a job run's details (Glue GetJobRun); the local lake has its run records instead.</summary>
public interface IJobRunReader
{
    Task<JobRunDetails?> GetJobRunAsync(string jobName, string runId, CancellationToken cancellationToken);
}
