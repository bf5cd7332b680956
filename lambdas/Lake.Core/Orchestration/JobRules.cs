namespace SocarDataLake.Core.Orchestration;

/// <summary>Rules 3 and 4 of the reconciler (orchestration-v2.md): when to start a job run, and what its end means.</summary>
public static class JobRules
{
    /// <summary>Consecutive failed runs of the same arrivals after which the reconciler waits for new arrivals.</summary>
    public const int FailureBound = 3;

    /// <summary>GetJobRun states after which a run does nothing more (AWS Glue job run statuses).</summary>
    public static bool IsTerminal(string? state) => state is "SUCCEEDED" or "FAILED" or "TIMEOUT" or "STOPPED" or "ERROR";

    /// <summary>
    /// After <see cref="FailureBound"/> failures in a row the reconciler stops retrying at once and tries again once
    /// an hour (each failure is alerted): a fix deployed later is picked up without new arrivals or an operator.
    /// </summary>
    public const long CoolDownMs = 60 * 60 * 1000;

    /// <summary>
    /// The arrivals a run started now covers: the crawled ones, or every one counted when the crawl is off the
    /// job's path (LAKE_JOB_WAITS_FOR_CRAWL=false). The job reads raw objects, not the raw catalog, so waiting
    /// for a crawl only keeps the catalog ahead of the processed zone.
    /// </summary>
    public static long Ready(DatasetState state, bool waitsForCrawl) => waitsForCrawl ? state.Crawled : state.Wanted;

    /// <summary>
    /// Rule 3: ready arrivals no run covers, or a retry of a failed run's arrivals within the bound (hourly past
    /// it); no tracked run; and the minimum interval since the last start has passed.
    /// </summary>
    public static bool IsWanted(DatasetState state, long nowMs, long minIntervalMs, bool waitsForCrawl = true)
    {
        var ready = Ready(state, waitsForCrawl);
        return !state.JobRunning
            && (ready > state.JobCovers
                || (ready > state.Processed && state.JobFailures is > 0 and < FailureBound)
                || (ready > state.Processed && state.JobFailures >= FailureBound && nowMs - state.JobStartedAt >= CoolDownMs))
            && (state.JobStartedAt == 0 || nowMs - state.JobStartedAt >= minIntervalMs);
    }

    /// <summary>A run started now covers every ready arrival (it reads every raw object not yet done).</summary>
    public static DatasetState Started(DatasetState state, string runId, long nowMs, bool waitsForCrawl = true) =>
        state with { JobRunning = true, JobRunId = runId, JobCovers = Ready(state, waitsForCrawl), JobStartedAt = nowMs };

    /// <summary>Rule 4: SUCCEEDED processes what the run covered; any other end counts a failure, which rule 3 retries.</summary>
    public static DatasetState Ended(DatasetState state, string terminalState) =>
        terminalState == "SUCCEEDED"
            ? state with { JobRunning = false, Processed = Math.Max(state.Processed, state.JobCovers), JobFailures = 0 }
            : state with { JobRunning = false, JobFailures = state.JobFailures + 1 };
}
