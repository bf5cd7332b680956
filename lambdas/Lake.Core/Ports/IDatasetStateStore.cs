using SocarDataLake.Core.Orchestration;

namespace SocarDataLake.Core.Ports;

public enum StateWrite
{
    Written,
    /// <summary>The item changed since it was read (another reconcile won the race): read again later.</summary>
    ConditionFailed,
    /// <summary>The store asked us to slow down: try again later.</summary>
    Throttled,
}

/// <summary>A state read: the item (null when the dataset has none yet) or a throttle.</summary>
public sealed record StateRead(DatasetState? State, bool Throttled);

/// <summary>
/// The orchestration state table: a DynamoDB table keyed by dataset on AWS. Reads are strongly consistent; a
/// state write succeeds only if no other reconciler wrote since the read.
/// </summary>
public interface IDatasetStateStore
{
    Task<StateRead> ReadStateAsync(string dataset, CancellationToken cancellationToken);

    /// <summary>Counts one arrival (wanted + 1) and keeps the latest event time; never conditional on the version.</summary>
    Task<StateWrite> RecordArrivalAsync(string dataset, long eventTimeMs, CancellationToken cancellationToken);

    /// <summary>Writes the reconciler's fields of <paramref name="state"/> if the version is still <paramref name="readVersion"/>.</summary>
    Task<StateWrite> WriteStateAsync(DatasetState state, long readVersion, CancellationToken cancellationToken);
}
