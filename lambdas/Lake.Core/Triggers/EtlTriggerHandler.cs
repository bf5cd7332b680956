using SocarDataLake.Core.Events;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Core.Triggers;

/// <summary>Thrown so the event source retries the event later (EventBridge retry policy, local retry).</summary>
public sealed class RetryLaterException(string message) : Exception(message);

/// <summary>
/// "Glue Crawler State Change" Succeeded → start the dataset's ETL job with the location of its typing plan.
/// A job already at its concurrency limit fails the invocation so it is retried. No --job-bookmark-option:
/// run arguments replace the job's defaults, and the job definition (terraform/modules/etl) turns Glue
/// bookmarks off because the job selects its input from its run ledger.
/// </summary>
public sealed class EtlTriggerHandler(string crawlerPrefix, IReadOnlyDictionary<string, string> planUris, IJobRunner jobs)
{
    public async Task<TriggerOutcome> HandleAsync(EventBridgeEvent<GlueCrawlerStateChange> change, CancellationToken cancellationToken)
    {
        var crawler = change.Detail?.CrawlerName ?? "";
        if (change.Detail?.State != "Succeeded") return new TriggerOutcome(crawler, "ignored", $"crawler state {change.Detail?.State ?? "(none)"}");
        if (!crawler.StartsWith(crawlerPrefix, StringComparison.Ordinal) || crawler.Length == crawlerPrefix.Length)
            return new TriggerOutcome(crawler, "ignored", $"not a lake crawler (prefix '{crawlerPrefix}')");
        var dataset = crawler[crawlerPrefix.Length..];
        if (!planUris.TryGetValue(dataset, out var planUri))
            return new TriggerOutcome(dataset, "ignored", "no typing plan is deployed for this dataset");

        var arguments = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--dataset"] = dataset,
            ["--plan_uri"] = planUri,
        };
        var start = await jobs.StartJobAsync(dataset, arguments, cancellationToken);
        return start.Status == JobStartStatus.Started
            ? new TriggerOutcome(dataset, "job-started", start.RunId ?? "")
            : throw new RetryLaterException($"{dataset}: the ETL job could not start ({start.Status}); the event will be retried.");
    }
}
