using SocarDataLake.Core.Orchestration;
using SocarDataLake.Core.Ports;
using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Aws;

/// <summary>
/// The orchestration state table, answering the real store port the handlers call.
/// - DynamoDB API Reference, GetItem: with ConsistentRead a read returns every write that succeeded before it.
/// - UpdateItem: ADD and SET in one atomic update; a false ConditionExpression answers
///   ConditionalCheckFailedException and changes nothing (it still consumes a write unit: Amazon DynamoDB
///   pricing).
/// - Throttling (`dynamodb-throttle`): any request may answer ProvisionedThroughputExceededException or
///   ThrottlingException (on-demand tables too, when traffic passes what the table has served: DynamoDB
///   on-demand capacity mode; Throttling in DynamoDB).
/// - Interleaving (`reconcile-race`): the simulation runs one handler at an instant, so two reconciles of a
///   dataset never overlap by themselves; this fault runs another reconcile between a reconcile's read and its
///   write, as two concurrent Lambda invocations do.
/// </summary>
public sealed class DynamoDbStateTable(Faults faults, WorkLedger ledger) : IDatasetStateStore
{
    private bool interleaving;

    public Dictionary<string, DatasetState> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>Another reconcile of the dataset, run by the `reconcile-race` fault.</summary>
    public Action<string>? Interleave { get; set; }

    public int ConditionsFailed { get; private set; }
    public int Throttled { get; private set; }

    private bool Throttle()
    {
        if (!faults.Strikes("dynamodb-throttle")) return false;
        Throttled++;
        return true;
    }

    public Task<StateRead> ReadStateAsync(string dataset, CancellationToken cancellationToken)
    {
        ledger.DynamoDbReads++;
        return Task.FromResult(Throttle() ? new StateRead(null, true) : new StateRead(Items.GetValueOrDefault(dataset), false));
    }

    public Task<StateWrite> RecordArrivalAsync(string dataset, long eventTimeMs, CancellationToken cancellationToken)
    {
        ledger.DynamoDbWrites++;
        if (Throttle()) return Task.FromResult(StateWrite.Throttled);
        var item = Items.GetValueOrDefault(dataset) ?? new DatasetState(dataset);
        Items[dataset] = item with { Wanted = item.Wanted + 1, WantedAt = Math.Max(item.WantedAt, eventTimeMs) };
        return Task.FromResult(StateWrite.Written);
    }

    public Task<StateWrite> WriteStateAsync(DatasetState state, long readVersion, CancellationToken cancellationToken)
    {
        if (!interleaving && Interleave is { } other && faults.Strikes("reconcile-race"))
        {
            interleaving = true;
            try
            {
                other(state.Dataset);
            }
            finally
            {
                interleaving = false;
            }
        }
        ledger.DynamoDbWrites++;
        if (Throttle()) return Task.FromResult(StateWrite.Throttled);
        var current = Items.GetValueOrDefault(state.Dataset) ?? new DatasetState(state.Dataset);
        if (current.Version != readVersion)
        {
            ConditionsFailed++;
            return Task.FromResult(StateWrite.ConditionFailed);
        }
        // Only the reconciler's attributes are written: arrivals counted since the read stay.
        Items[state.Dataset] = state with { Version = readVersion + 1, Wanted = current.Wanted, WantedAt = current.WantedAt };
        return Task.FromResult(StateWrite.Written);
    }
}
