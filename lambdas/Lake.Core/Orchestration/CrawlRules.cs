using SocarDataLake.Core.Ports;

namespace SocarDataLake.Core.Orchestration;

/// <summary>Rules 1 and 2 of the reconciler (orchestration-v2.md): when to start a crawl, and when a tracked crawl has ended.</summary>
public static class CrawlRules
{
    /// <summary>Consecutive failed crawls after which the job runs anyway: it reads raw objects, not the raw catalog.</summary>
    public const int FailureBound = 3;

    /// <summary>Lambda's clock and Glue's may differ by a little; a crawl that started this much before our start is still ours.</summary>
    public const long ClockSlackMs = 5_000;

    /// <summary>Rule 1: arrivals no crawl covers, no tracked crawl, and the minimum interval since the last start has passed.</summary>
    public static bool IsWanted(DatasetState state, long nowMs, long minIntervalMs) =>
        !state.CrawlRunning
        && state.Wanted > state.CrawlCovers
        && (state.CrawlStartedAt == 0 || nowMs - state.CrawlStartedAt >= minIntervalMs);

    /// <summary>A crawl started now covers every arrival counted so far.</summary>
    public static DatasetState Started(DatasetState state, long nowMs) =>
        state with { CrawlRunning = true, CrawlCovers = state.Wanted, CrawlStartedAt = nowMs };

    /// <summary>
    /// How long the crawler may stay READY without showing the crawl we started before we count that crawl as
    /// lost. Glue can answer READY for a moment after StartCrawler; a quarter of an hour is far past that, and
    /// without a bound a start Glue accepted but never ran would hold the dataset's crawls forever.
    /// </summary>
    public const long LostAfterMs = 15 * 60 * 1000;

    /// <summary>
    /// The tracked crawl never showed up: the crawler is READY, its last crawl is older than ours (or none), and
    /// <see cref="LostAfterMs"/> has passed since our start. It ends as a failure, so rule 1 starts another.
    /// </summary>
    public static bool HasVanished(DatasetState state, CrawlerStatus crawler, long nowMs) =>
        state.CrawlRunning
        && crawler.State == "READY"
        && (crawler.LastCrawl is null || crawler.LastCrawl.StartTime.ToUnixTimeMilliseconds() < state.CrawlStartedAt - ClockSlackMs)
        && nowMs - state.CrawlStartedAt >= LostAfterMs;

    /// <summary>
    /// Rule 2: the tracked crawl has ended when the crawler is READY and its last crawl started no earlier than
    /// ours. RUNNING or STOPPING, or a last crawl from before ours (Glue has not shown ours yet), is still running.
    /// </summary>
    public static bool HasEnded(DatasetState state, CrawlerStatus crawler) =>
        state.CrawlRunning
        && crawler.State == "READY"
        && crawler.LastCrawl is { } last
        && last.StartTime.ToUnixTimeMilliseconds() >= state.CrawlStartedAt - ClockSlackMs;

    /// <summary>
    /// Records the end of the tracked crawl. SUCCEEDED covers its arrivals. FAILED or CANCELLED gives the
    /// covers back so rule 1 starts another crawl, until <see cref="FailureBound"/> failures in a row: then the
    /// arrivals count as crawled so the job still runs (ops-notifier has alerted every failure).
    /// </summary>
    public static DatasetState Ended(DatasetState state, string lastCrawlStatus)
    {
        if (lastCrawlStatus == "SUCCEEDED")
            return state with { CrawlRunning = false, Crawled = Math.Max(state.Crawled, state.CrawlCovers), CrawlFailures = 0 };
        var failures = state.CrawlFailures + 1;
        return failures >= FailureBound
            ? state with { CrawlRunning = false, Crawled = Math.Max(state.Crawled, state.CrawlCovers), CrawlFailures = 0 }
            : state with { CrawlRunning = false, CrawlFailures = failures, CrawlCovers = state.Crawled };
    }
}
