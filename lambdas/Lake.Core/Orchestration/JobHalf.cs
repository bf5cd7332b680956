using SocarDataLake.Core.Ports;

namespace SocarDataLake.Core.Orchestration;

/// <summary>
/// Rules 3–4 against Glue: notice the tracked run's end (GetJobRun), then start a run if one is wanted
/// (StartJobRun with the dataset and its typing plan). No --job-bookmark-option: run arguments replace the
/// job's defaults, and the job selects its input from its own run ledger.
/// </summary>
public sealed class JobHalf(IJobRunner jobs, IJobRunReader runs, string jobPrefix, IReadOnlyDictionary<string, string> planUris, TimeSpan minInterval, bool waitsForCrawl = true)
{
    public async Task<ReconcileStep> AdvanceAsync(DatasetState state, long nowMs, CancellationToken cancellationToken)
    {
        var actions = new List<string>();
        if (state.JobRunning)
        {
            var run = await runs.GetJobRunAsync(jobPrefix + state.Dataset, state.JobRunId ?? "", cancellationToken);
            // A run Glue does not know can never end: count it failed so rule 3 starts another.
            var ended = run is null ? "ERROR" : JobRules.IsTerminal(run.State) ? run.State! : null;
            if (ended is not null)
            {
                state = JobRules.Ended(state, ended);
                actions.Add($"job run {state.JobRunId} ended {ended} (processed {state.Processed}, failures {state.JobFailures})");
            }
        }
        if (!JobRules.IsWanted(state, nowMs, (long)minInterval.TotalMilliseconds, waitsForCrawl)) return new ReconcileStep(state, false, actions);
        if (!planUris.TryGetValue(state.Dataset, out var planUri))
        {
            actions.Add("no typing plan is deployed for this dataset: no job run");
            return new ReconcileStep(state, false, actions);
        }

        var arguments = new Dictionary<string, string>(StringComparer.Ordinal) { ["--dataset"] = state.Dataset, ["--plan_uri"] = planUri };
        var start = await jobs.StartJobAsync(state.Dataset, arguments, cancellationToken);
        switch (start.Status)
        {
            case JobStartStatus.Started:
                state = JobRules.Started(state, start.RunId ?? "", nowMs, waitsForCrawl);
                actions.Add($"job run {start.RunId} started (covers {state.JobCovers})");
                return new ReconcileStep(state, false, actions);
            case JobStartStatus.ConcurrentRunsExceeded:
                // A run this state does not track is going; its end raises an event, or the sweep comes by.
                actions.Add("an untracked job run is going: left to end");
                return new ReconcileStep(state, false, actions);
            default:
                actions.Add("StartJobRun throttled");
                return new ReconcileStep(state, true, actions);
        }
    }
}
