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
