using SocarDataLake.Core.Ports;
using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Plan;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Aws;

/// <summary>One job run (one attempt).</summary>
public sealed record JobRun(string Id, string Dataset, int Attempt, double StartedAt, IReadOnlyList<RawObject> Read);

/// <summary>
/// One Glue ETL job per dataset.
/// - ExecutionProperty: MaxConcurrentRuns (default 1); StartJobRun beyond it answers
///   ConcurrentRunsExceededException and starts nothing, unless job run queuing is enabled (the run waits).
/// - CreateJob Timeout: a run still going after the timeout is stopped in TIMEOUT.
/// - MaxRetries: a FAILED run is retried as a new run with its own id and Attempt + 1 (Job runs API); each
///   attempt ends with its own "Glue Job State Change" (SUCCEEDED, FAILED, TIMEOUT, STOPPED).
/// - GetJobRun (Job runs API): JobRunState WAITING while queued, RUNNING, then SUCCEEDED, FAILED or TIMEOUT
///   (AWS Glue job run statuses).
/// - What a run reads and leaves depends on how the job commits (<see cref="LakeSettings.JobCommitsThroughLedger"/>):
///   - the lake's run ledger (glue-scripts/README.md): a run reads the raw objects without a done marker;
///     output is staged outside every table and published only after the run record (the commit point), so a
///     failure before it leaves nothing visible and a failure after it (while publishing, assume the last
///     tenth of the run) leaves a committed run whose publication the next run finishes, never a row twice;
///   - Glue job bookmarks (the seed's job; Tracking processed data using job bookmarks): a run reads what is not
///     yet bookmarked and only job.commit() advances the bookmark, while output a failed run already wrote
///     (assume: failing in the last tenth) stays and is written again by the next run.
/// - AWS Glue pricing: per DPU-second with a 1-minute minimum (Glue 2.0 and later); G.1X is 1 DPU a worker.
/// </summary>
public sealed class GlueJobs(Scheduler scheduler, RandomStreams random, Faults faults, WorkLedger ledger, GlueEvents events, LakeSettings settings,
    (double Min, double Max) minutes)
{
    public const double MinimumBilledSeconds = 60;

    /// <summary>Share of a run after which its processed-zone output is visible (assume: the last tenth).</summary>
    public const double OutputWrittenAfter = 0.9;

    private readonly Dictionary<string, int> running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<int>> waiting = new(StringComparer.Ordinal);
    private readonly Random durations = random.For("job-duration");
    private readonly Random failurePoints = random.For("job-failure-point");
    private int nextRun;

    private readonly Dictionary<string, string> states = new(StringComparer.Ordinal);

    public List<JobRun> Runs { get; } = [];

    /// <summary>GetJobRun's JobRunState, or null for a run id Glue does not know.</summary>
    public string? State(string runId) => states.GetValueOrDefault(runId);
    public int RefusedConcurrent { get; private set; }

    public int Running(string dataset) => running.GetValueOrDefault(dataset);

    public JobStart Start(string dataset)
    {
        if (faults.Strikes("glue-throttle")) return new JobStart(JobStartStatus.Throttled, null);
        if (Running(dataset) >= settings.JobMaxConcurrentRuns.Value)
        {
            if (!settings.JobRunQueuing.Value)
            {
                RefusedConcurrent++;
                ledger.Note(scheduler.Now, $"job {settings.JobPrefix}{dataset}: ConcurrentRunsExceededException");
                return new JobStart(JobStartStatus.ConcurrentRunsExceeded, null);
            }
            if (!waiting.TryGetValue(dataset, out var queue)) waiting[dataset] = queue = new Queue<int>();
            var id = nextRun++;
            queue.Enqueue(id);
            states[RunId(id)] = "WAITING";
            return new JobStart(JobStartStatus.Started, RunId(id));
        }
        return new JobStart(JobStartStatus.Started, Run(dataset, attempt: 0, nextRun++).Id);
    }

    private static string RunId(int n) => $"jr_{n:D6}";

    private JobRun Run(string dataset, int attempt, int number)
    {
        running[dataset] = Running(dataset) + 1;
        var run = new JobRun(RunId(number), dataset, attempt, scheduler.Now, ledger.Unprocessed(dataset, scheduler.Now));
        Runs.Add(run);
        states[run.Id] = "RUNNING";
        ledger.JobRuns++;
        var jobName = settings.JobPrefix + dataset;
        var planned = durations.Between(minutes.Min, minutes.Max) * 60;
        var timeout = settings.JobTimeoutMinutes.Value * 60;
        var failsAt = faults.Strikes("glue-job") ? failurePoints.NextDouble() * planned : (double?)null;
        var (endsAfter, state) = failsAt is { } f && f < timeout ? (f, "FAILED")
            : planned > timeout ? (timeout, "TIMEOUT")
            : (planned, "SUCCEEDED");
        ledger.JobBilledDpuSeconds += Math.Max(endsAfter, MinimumBilledSeconds) * settings.JobWorkers.Value * settings.DpusPerWorker;
        ledger.Note(scheduler.Now, $"job {jobName} run {run.Id} started (attempt {attempt}, reads {run.Read.Count} objects, {planned / 60:0.0} min)");
        scheduler.After(endsAfter, () => End(run, jobName, state, endsAfter / planned));
        return run;
    }

    private void End(JobRun run, string jobName, string state, double reachedShare)
    {
        running[run.Dataset]--;
        states[run.Id] = state;
        if (state == "SUCCEEDED" || (reachedShare >= OutputWrittenAfter && settings.JobCommitsThroughLedger.Value))
        {
            // Committed: the run record exists (ledger) or job.commit() ran (bookmarks).
            WorkLedger.Written(run.Read, run.Id, scheduler.Now);
            WorkLedger.Commit(run.Read);
        }
        else if (reachedShare >= OutputWrittenAfter)
        {
            WorkLedger.Written(run.Read, run.Id, scheduler.Now);
        }
        ledger.Note(scheduler.Now, $"job {jobName} run {run.Id} {state}");
        events.JobStateChange(jobName, run.Id, state);
        if (state == "FAILED" && run.Attempt < settings.JobMaxRetries.Value)
        {
            Run(run.Dataset, run.Attempt + 1, nextRun++);
            return;
        }
        if (waiting.TryGetValue(run.Dataset, out var queue) && queue.Count > 0 && Running(run.Dataset) < settings.JobMaxConcurrentRuns.Value)
            Run(run.Dataset, attempt: 0, queue.Dequeue());
    }
}
