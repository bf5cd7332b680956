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
/// - Tracking processed data using job bookmarks: a run reads what is not yet bookmarked; only a run that
///   reaches job.commit() advances the bookmark. Output a failed run already wrote stays and is written again
///   by the next run: the glue script writes the processed zone near the end, so a failure in the last tenth
///   of a run (assume) leaves visible output without a commit.
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

    public List<JobRun> Runs { get; } = [];
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
        if (state == "SUCCEEDED")
        {
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
