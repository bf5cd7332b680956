using System.Text.Json;

namespace SocarDataLake.Aws.Glue;

/// <summary>One run of a Glue job as GetJobRuns reports it (JobRun structure): state, times, billed seconds and error.</summary>
public sealed record GlueJobRun(string Id, string State, DateTimeOffset? StartedOn, DateTimeOffset? CompletedOn, int? ExecutionSeconds, string? ErrorMessage);

/// <summary>
/// A job's recent runs from GetJobRuns, which "returns the job runs in chronological order, with the newest jobs
/// returned first" (AWS Glue Web API Reference, GetJobRuns), up to 200 a page, following NextToken. Reading stops at
/// <c>max</c> runs: a job started every few minutes keeps a long history, and the newest runs are the ones a run
/// summary may still be missing for.
/// </summary>
public sealed class GlueJobRunHistory(AwsJsonClient glue, TimeProvider clock)
{
    private const int RunsPerPage = 200;

    /// <returns>The newest runs, newest first, and whether Glue holds older ones beyond <paramref name="max"/>.</returns>
    public async Task<(IReadOnlyList<GlueJobRun> Runs, bool More)> RecentAsync(string jobName, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var runs = new List<GlueJobRun>();
        string? token = null;
        var tokens = new PageTokens($"GetJobRuns of job {jobName}");
        do
        {
            var request = JsonSerializer.SerializeToUtf8Bytes(new GetJobRunsRequest(jobName, token, Math.Min(RunsPerPage, max - runs.Count)), GlueJsonContext.Default.GetJobRunsRequest);
            var page = await glue.CallWithBackoffAsync("GetJobRuns", request, GlueJsonContext.Default.GetJobRunsResponse, clock, cancellationToken);
            foreach (var run in page?.JobRuns ?? [])
                if (run.Id is { Length: > 0 } id && runs.Count < max)
                    runs.Add(new GlueJobRun(id, run.JobRunState ?? "UNKNOWN", Moment(run.StartedOn), Moment(run.CompletedOn), run.ExecutionTime, run.ErrorMessage));
            token = tokens.Next(page?.NextToken);
        }
        while (token is not null && runs.Count < max);
        return (runs, token is not null);
    }

    private static DateTimeOffset? Moment(double? epochSeconds) =>
        epochSeconds is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)) : null;
}
