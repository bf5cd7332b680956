using System.Globalization;

namespace SocarDataLake.Core.Orchestration;

/// <summary>
/// The optional coalescing knobs (environment, default 0): a crawl or job run is not started sooner than this
/// after the previous start; the sweep starts it later. They trade latency for cost (`lake simulate` measures
/// the curve).
/// </summary>
public static class ReconcileSettings
{
    public static TimeSpan MinCrawlInterval(Func<string, string?> variable) => Seconds(variable, "LAKE_MIN_CRAWL_INTERVAL_SECONDS");

    public static TimeSpan MinJobInterval(Func<string, string?> variable) => Seconds(variable, "LAKE_MIN_JOB_INTERVAL_SECONDS");

    /// <summary>
    /// LAKE_JOB_WAITS_FOR_CRAWL (default true): false takes the crawl off the job's path, so a run covers every
    /// arrival counted, crawled or not, and crawls keep only the raw catalog current (pair it with a long
    /// LAKE_MIN_CRAWL_INTERVAL_SECONDS to save most of the crawl bill).
    /// </summary>
    public static bool JobWaitsForCrawl(Func<string, string?> variable) => variable("LAKE_JOB_WAITS_FOR_CRAWL") switch
    {
        null or "" or "true" => true,
        "false" => false,
        var text => throw new InvalidOperationException($"LAKE_JOB_WAITS_FOR_CRAWL must be true or false, not '{text}'."),
    };

    private static TimeSpan Seconds(Func<string, string?> variable, string name)
    {
        var text = variable(name);
        if (string.IsNullOrEmpty(text)) return TimeSpan.Zero;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > 86_400)
            throw new InvalidOperationException($"{name} must be a number of seconds from 0 to 86400, not '{text}'.");
        return TimeSpan.FromSeconds(seconds);
    }
}
