namespace SocarDataLake.Simulate.Plan;

/// <summary>
/// An SQS queue with its redrive to a dead-letter queue, and the Lambda event source mapping that reads it:
/// the ingest queue (glue-trigger) and orchestration v2's reconcile queue (etl-trigger) have the same settings.
/// </summary>
public sealed record QueueSettings
{
    public required Setting<double> VisibilityTimeoutSeconds { get; init; }
    public required Setting<int> MaxReceiveCount { get; init; }
    public required Setting<double> MessageRetentionSeconds { get; init; }
    public required Setting<int> BatchSize { get; init; }
    public required Setting<double> BatchingWindowSeconds { get; init; }
    public required Setting<int?> MaximumConcurrency { get; init; }
}
