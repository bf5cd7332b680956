using System.Globalization;
using System.Text;
using System.Text.Json;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Core.Triggers;

/// <summary>
/// "Glue Job State Change" → one message to the team: dataset, run, state, rows in/out/quarantined and
/// duration from the run summary when it exists, the error for failures, and where to look. A run that
/// wrote no summary (it failed or timed out first) gets its duration and error from the job run itself.
/// "Glue Crawler State Change" Failed → one message with the crawler, dataset and Glue's error: the
/// reconciler retries the crawl within its bound, and the team hears of every failure.
/// </summary>
public sealed class OpsNotifierHandler(string jobPrefix, IObjectReader store, INotifier notifier, Func<string, string, string> runLink, IJobRunReader? jobRuns = null, string? crawlerPrefix = null)
{
    public async Task<Notification?> HandleCrawlerAsync(EventBridgeEvent<GlueCrawlerStateChange> change, CancellationToken cancellationToken)
    {
        var detail = change.Detail ?? new GlueCrawlerStateChange();
        if (detail.State != "Failed") return null;
        var crawler = detail.CrawlerName ?? "(unknown crawler)";
        var prefix = crawlerPrefix ?? jobPrefix;
        var dataset = crawler.StartsWith(prefix, StringComparison.Ordinal) ? crawler[prefix.Length..] : crawler;
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dataset:      {dataset}")
            .AppendLine(CultureInfo.InvariantCulture, $"Crawler:      {crawler}")
            .AppendLine("State:        Failed")
            .AppendLine(CultureInfo.InvariantCulture, $"Error:        {detail.ErrorMessage ?? detail.Message ?? "(Glue gave no message)"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Retry:        the reconciler starts the crawl again, at most {Orchestration.CrawlRules.FailureBound} times in a row; then the ETL job runs without it")
            .AppendLine(CultureInfo.InvariantCulture, $"Details:      the crawler's CloudWatch logs (/aws-glue/crawlers, stream {crawler})");
        var notification = new Notification($"[lake] FAILED {dataset}: crawler {crawler}", body.ToString(), "ERROR");
        await notifier.NotifyAsync(notification, cancellationToken);
        return notification;
    }

    public async Task<Notification> HandleAsync(EventBridgeEvent<GlueJobStateChange> change, CancellationToken cancellationToken)
    {
        var detail = change.Detail ?? new GlueJobStateChange();
        var job = detail.JobName ?? "(unknown job)";
        var dataset = job.StartsWith(jobPrefix, StringComparison.Ordinal) ? job[jobPrefix.Length..] : job;
        var runId = detail.JobRunId ?? "(unknown run)";
        var state = detail.State ?? "UNKNOWN";
        var failed = state is not "SUCCEEDED";
        var (summary, summaryProblem) = await ReadSummaryAsync(dataset, runId, cancellationToken);

        var subject = new StringBuilder(failed ? "[lake] FAILED " : "[lake] ok ")
            .Append(CultureInfo.InvariantCulture, $"{dataset}: run {state}");
        if (summary is not null) subject.Append(CultureInfo.InvariantCulture, $", {summary.RowsOut:N0} rows out, {summary.RowsQuarantined:N0} quarantined");

        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dataset:      {dataset}")
            .AppendLine(CultureInfo.InvariantCulture, $"Job:          {job}")
            .AppendLine(CultureInfo.InvariantCulture, $"Run:          {runId}")
            .AppendLine(CultureInfo.InvariantCulture, $"State:        {state}");
        if (summary is not null)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Rows in:      {summary.RowsIn:N0}")
                .AppendLine(CultureInfo.InvariantCulture, $"Rows out:     {summary.RowsOut:N0}")
                .AppendLine(CultureInfo.InvariantCulture, $"Quarantined:  {summary.RowsQuarantined:N0} rows, {summary.ObjectsQuarantined.Count} whole objects")
                .AppendLine(CultureInfo.InvariantCulture, $"Raw objects:  {summary.RawObjects.Count}")
                .AppendLine(CultureInfo.InvariantCulture, $"Duration:     {summary.DurationSeconds:F1} s")
                .AppendLine(CultureInfo.InvariantCulture, $"Schema:       v{summary.SchemaVersion?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
            foreach (var drift in summary.Drift) body.AppendLine(CultureInfo.InvariantCulture, $"Schema drift: {drift}");
        }
        JobRunDetails? run = null;
        if (summary is null)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Run summary:  {summaryProblem}");
            run = await ReadJobRunAsync(job, runId, cancellationToken);
            if (run?.ExecutionSeconds is { } seconds) body.AppendLine(CultureInfo.InvariantCulture, $"Duration:     {seconds:F1} s");
        }
        var error = summary?.Error ?? (failed ? run?.ErrorMessage ?? detail.Message : null);
        if (error is not null) body.AppendLine(CultureInfo.InvariantCulture, $"Error:        {error}");
        body.AppendLine(CultureInfo.InvariantCulture, $"Details:      {runLink(job, runId)}");

        var notification = new Notification(subject.ToString(), body.ToString(), failed ? "ERROR" : "INFO");
        await notifier.NotifyAsync(notification, cancellationToken);
        return notification;
    }

    // Best effort: the message goes out with what the event says even when Glue cannot be asked.
    private async Task<JobRunDetails?> ReadJobRunAsync(string job, string runId, CancellationToken cancellationToken)
    {
        if (jobRuns is null) return null;
        try
        {
            return await jobRuns.GetJobRunAsync(job, runId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    // A summary that cannot be read must not stop the message: the team still hears about the run, and why
    // its numbers are missing.
    private async Task<(RunSummary? Summary, string? Problem)> ReadSummaryAsync(string dataset, string runId, CancellationToken cancellationToken)
    {
        var key = RunSummary.Key(dataset, runId);
        try
        {
            await using var stream = await store.TryOpenReadAsync(new ObjectRef(Zone.Processed, key), cancellationToken);
            if (stream is null) return (null, "not written (the job ended before its summary)");
            return (await JsonSerializer.DeserializeAsync(stream, RunSummaryJsonContext.Default.RunSummary, cancellationToken), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, $"unreadable at processed/{key}: {e.Message}");
        }
    }
}
