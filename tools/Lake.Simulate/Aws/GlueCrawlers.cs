using SocarDataLake.Core.Ports;
using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Aws;

/// <summary>
/// One Glue crawler per dataset. StartCrawler: a crawler that is already running (or stopping) answers
/// CrawlerRunningException. GetCrawler (AWS Glue API, Crawler and LastCrawlInfo structures): State READY,
/// RUNNING or STOPPING; LastCrawl is the last finished crawl with its Status (SUCCEEDED, CANCELLED, FAILED)
/// and StartTime. Automating AWS Glue with EventBridge: "Glue Crawler State Change" events for Started,
/// Succeeded and Failed (delivered by <see cref="GlueEvents"/>, best effort). A crawl ends RUNNING → STOPPING
/// → READY; the pages give no duration for STOPPING (assume 5–20 s) and do not say whether the event comes
/// before READY (assume at READY, with LastCrawl updated). AWS Glue pricing: crawls are billed per second
/// with a 10-minute minimum per run.
/// </summary>
public sealed class GlueCrawlers(Scheduler scheduler, RandomStreams random, Faults faults, WorkLedger ledger, GlueEvents events,
    string crawlerPrefix, (double Min, double Max) minutes, DateTimeOffset epoch)
{
    /// <summary>Billing floor of one crawl (AWS Glue pricing).</summary>
    public const double MinimumBilledSeconds = 600;

    /// <summary>
    /// DPUs a crawl is billed for. Glue chooses them and the pricing page publishes no figure: assume 2, and
    /// compare with a real crawl's CrawlerHistory.DPUHour when one exists.
    /// </summary>
    public const double DpusPerCrawl = 2;

    private readonly HashSet<string> running = new(StringComparer.Ordinal);
    private readonly HashSet<string> stopping = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LastCrawl> lastCrawls = new(StringComparer.Ordinal);
    private readonly Random durations = random.For("crawl-duration");

    public int Started { get; private set; }
    public int RefusedRunning { get; private set; }

    public bool IsRunning(string dataset) => running.Contains(dataset);

    /// <summary>GetCrawler of the dataset's crawler.</summary>
    public CrawlerStatus Status(string dataset) =>
        new(running.Contains(dataset) ? "RUNNING" : stopping.Contains(dataset) ? "STOPPING" : "READY", lastCrawls.GetValueOrDefault(dataset));

    public CrawlStart Start(string dataset)
    {
        if (faults.Strikes("glue-throttle")) return CrawlStart.Throttled;
        if (running.Contains(dataset) || stopping.Contains(dataset))
        {
            RefusedRunning++;
            return CrawlStart.AlreadyRunning;
        }
        running.Add(dataset);
        Started++;
        ledger.CrawlerRuns++;
        var name = crawlerPrefix + dataset;
        var seconds = durations.Between(minutes.Min, minutes.Max) * 60;
        ledger.CrawlerBilledSeconds += Math.Max(seconds, MinimumBilledSeconds);
        ledger.Note(scheduler.Now, $"crawler {name} started ({seconds / 60:0.0} min)");
        events.CrawlerStateChange(name, "Started");
        var startedAt = scheduler.Now;
        scheduler.After(seconds, () =>
        {
            running.Remove(dataset);
            stopping.Add(dataset);
            scheduler.After(durations.Between(5, 20), () =>
            {
                stopping.Remove(dataset);
                var failed = faults.Strikes("crawler");
                lastCrawls[dataset] = new LastCrawl(failed ? "FAILED" : "SUCCEEDED", epoch.AddSeconds(startedAt), failed ? "Internal Service Exception" : null);
                ledger.Note(scheduler.Now, $"crawler {name} {(failed ? "Failed" : "Succeeded")}");
                events.CrawlerStateChange(name, failed ? "Failed" : "Succeeded", failed ? "Internal Service Exception" : null);
            });
        });
        return CrawlStart.Started;
    }
}
