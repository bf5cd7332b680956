using SocarDataLake.Core.Ports;

namespace SocarDataLake.Core.Orchestration;

/// <summary>Rules 1–2 against Glue: notice the tracked crawl's end (GetCrawler), then start a crawl if one is wanted (StartCrawler).</summary>
public sealed class CrawlHalf(ICrawler crawler, ICrawlerStatusReader crawlers, TimeSpan minInterval)
{
    public async Task<ReconcileStep> AdvanceAsync(DatasetState state, long nowMs, CancellationToken cancellationToken)
    {
        var actions = new List<string>();
        if (state.CrawlRunning)
        {
            var status = await crawlers.GetCrawlerAsync(state.Dataset, cancellationToken);
            if (CrawlRules.HasEnded(state, status))
            {
                state = CrawlRules.Ended(state, status.LastCrawl!.Status);
                actions.Add($"crawl ended {status.LastCrawl.Status} (crawled {state.Crawled}, failures {state.CrawlFailures})");
            }
            else if (CrawlRules.HasVanished(state, status, nowMs))
            {
                state = CrawlRules.Ended(state, "LOST");
                actions.Add($"the crawl started {(nowMs - state.CrawlStartedAt) / 60000} min ago never showed in Glue: counted failed (failures {state.CrawlFailures})");
            }
        }
        if (!CrawlRules.IsWanted(state, nowMs, (long)minInterval.TotalMilliseconds)) return new ReconcileStep(state, false, actions);

        switch (await crawler.StartCrawlAsync(state.Dataset, cancellationToken))
        {
            case CrawlStart.Started:
                state = CrawlRules.Started(state, nowMs);
                actions.Add($"crawl started (covers {state.CrawlCovers})");
                return new ReconcileStep(state, false, actions);
            case CrawlStart.AlreadyRunning:
                // A crawl this state does not track (its start was never recorded): its end raises an event, or the
                // sweep comes by, and rule 1 starts the crawl that covers these arrivals then.
                actions.Add("an untracked crawl is running: left to end");
                return new ReconcileStep(state, false, actions);
            default:
                actions.Add("StartCrawler throttled");
                return new ReconcileStep(state, true, actions);
        }
    }
}
