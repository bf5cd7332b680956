using SocarDataLake.Core.Ports;

namespace SocarDataLake.Core.Orchestration;

/// <summary>
/// The level-triggered reconciler of one dataset: read the state item (strongly consistent), let Glue say
/// what ended, start what is wanted, and write the new state if no other reconcile wrote meanwhile. Whatever
/// triggered it (an arrival, a Glue event, the sweep, a duplicate of any), it computes the same thing from the
/// state, so a lost or repeated event changes when work starts, never whether. glue-trigger runs the crawl
/// half only; etl-trigger runs both.
/// </summary>
public sealed class Reconciler(IDatasetStateStore store, CrawlHalf crawl, JobHalf? job, TimeProvider clock)
{
    /// <summary>Passes per invocation when another reconcile keeps winning the conditional write.</summary>
    public const int Attempts = 3;

    /// <summary>
    /// Reconciles once, and again at once (up to <see cref="Attempts"/> passes) when the write lost to another
    /// reconcile: the state moved on, so recomputing from a fresh read is the retry. A throttle is not retried
    /// here: it goes back to the queue, which waits.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(string dataset, CancellationToken cancellationToken)
    {
        var actions = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var (result, lostRace) = await PassAsync(dataset, cancellationToken);
            actions.AddRange(result.Actions);
            if (!lostRace || attempt == Attempts) return result with { Actions = actions };
        }
    }

    private async Task<(ReconcileResult Result, bool LostRace)> PassAsync(string dataset, CancellationToken cancellationToken)
    {
        var read = await store.ReadStateAsync(dataset, cancellationToken);
        if (read.Throttled) return (new ReconcileResult(dataset, true, ["state read throttled"]), false);
        // No item: nothing has arrived for the dataset yet, so nothing is wanted.
        if (read.State is not { } before) return (new ReconcileResult(dataset, false, []), false);

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var crawlStep = await crawl.AdvanceAsync(before, now, cancellationToken);
        var jobStep = job is null ? crawlStep with { Retry = false, Actions = [] } : await job.AdvanceAsync(crawlStep.State, now, cancellationToken);
        var actions = crawlStep.Actions.Concat(jobStep.Actions).ToList();
        var retry = crawlStep.Retry || jobStep.Retry;

        var written = jobStep.State == before ? StateWrite.Written : await store.WriteStateAsync(jobStep.State, before.Version, cancellationToken);
        if (written != StateWrite.Written)
        {
            // Anything started above runs untracked: the next pass finds it busy, and starts the covering crawl or
            // run once it ends.
            actions.Add(written == StateWrite.ConditionFailed ? "state changed since read: reconcile again" : "state write throttled");
            retry = true;
        }
        return (new ReconcileResult(dataset, retry, actions), written == StateWrite.ConditionFailed);
    }
}
