using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using SocarDataLake.Aws;
using SocarDataLake.Aws.Glue;
using SocarDataLake.Core;
using SocarDataLake.Core.Triggers;

namespace SocarDataLake.AwsViews;

/// <summary>One run of a dataset's Glue job: its run summary when the job wrote one, and what Glue says of it.</summary>
public sealed record AwsRun(string Dataset, string RunId, RunSummary? Summary, GlueJobRun? Glue)
{
    /// <summary>The summary's state is the committed truth; a run without one has only Glue's.</summary>
    public string State => Summary?.State ?? Glue?.State ?? "UNKNOWN";

    public DateTimeOffset? StartedAt => Summary?.StartedAt ?? Glue?.StartedOn;

    public DateTimeOffset? EndedAt => Summary?.FinishedAt ?? Glue?.CompletedOn;

    /// <summary>What the run's row cannot say: its error, a summary and Glue that disagree, or why there is no summary.</summary>
    public string? Note()
    {
        if (Summary is { } summary)
        {
            if (summary.Error is { Length: > 0 } error) return $"{summary.State}: {error}";
            // Committed, then stopped while publishing: the next run of the dataset finishes the publication.
            if (Glue is { State: "FAILED" or "TIMEOUT" or "STOPPED" } glue)
                return $"committed (its run summary says {summary.State}), but Glue reports {glue.State}{(glue.ErrorMessage is { Length: > 0 } m ? $": {m}" : "")}; the next run of {Dataset} finishes publishing its files.";
            return null;
        }
        var state = Glue!.State;
        return state switch
        {
            "RUNNING" or "STARTING" or "WAITING" or "STOPPING" => $"{state} in Glue since {StartedAt:yyyy-MM-dd HH:mm:ss}; its run summary is written when it commits.",
            "SUCCEEDED" => $"SUCCEEDED in Glue but there is no run summary {RunId}.json (every run of the lake's job writes one, an empty run too: was it deleted?).",
            _ => $"{state} in Glue before writing a run summary (nothing of it is visible): {Glue.ErrorMessage ?? "Glue gave no error message"}",
        };
    }
}

/// <summary>A dataset's runs, oldest first, and what could not be read.</summary>
public sealed record DatasetRuns(string Dataset, string JobName, IReadOnlyList<AwsRun> Runs, IReadOnlyList<string> Ignored, bool OlderGlueRunsUnread);

/// <summary>
/// The runs of a dataset on AWS, from two sources. The run summaries the Glue job writes at
/// s3://&lt;processed bucket&gt;/_runs/&lt;dataset&gt;/&lt;run&gt;.json (glue-scripts/lake_glue/paths.py; the _ledger/ folder
/// beside them holds the job's commit bookkeeping, not runs, and is left out by listing with a "/" delimiter), read
/// with the RunSummary reader the notifier uses. And Glue's GetJobRuns, for runs that wrote no summary: still
/// RUNNING, or FAILED, TIMEOUT or STOPPED before the job could write one, with Glue's ErrorMessage.
/// </summary>
public sealed class RunHistory(IAmazonS3 s3, GlueJobRunHistory jobRuns, string processedBucket)
{
    /// <summary>GetJobRuns is read up to this many runs per job, newest first.</summary>
    public const int GlueRunsRead = 1000;

    private const int ParallelReads = 8;

    public async Task<DatasetRuns> ReadAsync(string dataset, string jobName, CancellationToken cancellationToken)
    {
        var prefix = $"_runs/{dataset}/";
        var keys = await S3Listing.KeysAsync(s3, processedBucket, prefix, delimiter: "/", cancellationToken);
        var summaries = new ConcurrentDictionary<string, RunSummary>(StringComparer.Ordinal);
        var ignored = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var name = item.Key[prefix.Length..];
            var summary = await ReadSummaryAsync(item.Key, ct);
            if (summary is not null && summary.Dataset == dataset && name == summary.RunId + ".json") summaries[summary.RunId] = summary;
            else ignored.Add($"s3://{processedBucket}/{item.Key}");
        });

        IReadOnlyList<GlueJobRun> glueRuns;
        bool more;
        try
        {
            (glueRuns, more) = await jobRuns.RecentAsync(jobName, GlueRunsRead, cancellationToken);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "EntityNotFoundException")
        {
            throw new LakeException($"Glue has no job {jobName} (the job of dataset {dataset}): check LAKE_JOB_PREFIX or the job_names output you gave ({e.Message}).");
        }
        catch (AwsServiceException e)
        {
            throw AwsRefusal.Explain("Glue", $"GetJobRuns of job {jobName}", $"glue:GetJobRuns on the job {jobName}", e);
        }

        var runs = summaries.Values.ToDictionary(s => s.RunId, s => new AwsRun(dataset, s.RunId, s, null), StringComparer.Ordinal);
        foreach (var run in glueRuns)
            runs[run.Id] = runs.TryGetValue(run.Id, out var known) ? known with { Glue = run } : new AwsRun(dataset, run.Id, null, run);
        var ordered = runs.Values.OrderBy(r => r.StartedAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        return new DatasetRuns(dataset, jobName, ordered, ignored.Order(StringComparer.Ordinal).ToList(), more);
    }

    // A summary that is not one (not JSON, another shape) is reported, never allowed to stop the view.
    private async Task<RunSummary?> ReadSummaryAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await S3Objects.GetAsync(s3, processedBucket, key, cancellationToken);
        try
        {
            return await JsonSerializer.DeserializeAsync(response.ResponseStream, RunSummaryJsonContext.Default.RunSummary, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
