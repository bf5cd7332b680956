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
    public async Task<ReconcileResult> ReconcileAsync(string dataset, CancellationToken cancellationToken)
    {
        var read = await store.ReadStateAsync(dataset, cancellationToken);
        if (read.Throttled) return new ReconcileResult(dataset, true, ["state read throttled"]);
        // No item: nothing has arrived for the dataset yet, so nothing is wanted.
        if (read.State is not { } before) return new ReconcileResult(dataset, false, []);

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var crawlStep = await crawl.AdvanceAsync(before, now, cancellationToken);
        var jobStep = job is null ? crawlStep with { Retry = false, Actions = [] } : await job.AdvanceAsync(crawlStep.State, now, cancellationToken);
        var actions = crawlStep.Actions.Concat(jobStep.Actions).ToList();
        var retry = crawlStep.Retry || jobStep.Retry;

        if (jobStep.State != before)
        {
            var written = await store.WriteStateAsync(jobStep.State, before.Version, cancellationToken);
            if (written != StateWrite.Written)
            {
                // Anything started above runs untracked: the next reconcile finds it busy, and starts the covering
                // crawl or run once it ends.
                actions.Add(written == StateWrite.ConditionFailed ? "state changed since read: reconcile again" : "state write throttled");
                retry = true;
            }
        }
        return new ReconcileResult(dataset, retry, actions);
    }
}
