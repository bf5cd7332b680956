namespace SocarDataLake.Core.Orchestration;

/// <summary>What one half of a reconcile did: the state it leaves, whether to try again later, and what happened.</summary>
public sealed record ReconcileStep(DatasetState State, bool Retry, IReadOnlyList<string> Actions);

/// <summary>One dataset's reconcile: whether its messages go back to the queue, and what it did (for the log).</summary>
public sealed record ReconcileResult(string Dataset, bool Retry, IReadOnlyList<string> Actions)
{
    public string Summary => Actions.Count == 0 ? "nothing to do" : string.Join("; ", Actions);
}
