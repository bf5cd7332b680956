using SocarDataLake.Core.Ports;

namespace SocarDataLake.Aws;

/// <summary>
/// ICrawler on AWS Glue: StartCrawler on the dataset's crawler (LAKE_CRAWLER_PREFIX + dataset); and
/// ICrawlerStatusReader: GetCrawler. AWS Glue API, Crawler structure: State READY | RUNNING | STOPPING;
/// LastCrawlInfo: Status SUCCEEDED | CANCELLED | FAILED, StartTime, ErrorMessage (timestamps are epoch seconds
/// in the JSON protocol).
/// </summary>
public sealed class GlueCrawler(AwsJsonClient glue, string crawlerPrefix) : ICrawler, ICrawlerStatusReader
{
    public async Task<CrawlerStatus> GetCrawlerAsync(string dataset, CancellationToken cancellationToken)
    {
        using var response = await glue.CallAsync("GetCrawler", AwsJsonClient.Json(w => w.WriteString("Name", crawlerPrefix + dataset)), cancellationToken);
        var crawler = response.RootElement.GetProperty("Crawler");
        var state = crawler.TryGetProperty("State", out var s) ? s.GetString() ?? "READY" : "READY";
        LastCrawl? last = null;
        if (crawler.TryGetProperty("LastCrawl", out var l) && l.TryGetProperty("Status", out var status) && l.TryGetProperty("StartTime", out var start)
            && start.ValueKind == System.Text.Json.JsonValueKind.Number)
            last = new LastCrawl(status.GetString()!, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(start.GetDouble() * 1000)),
                l.TryGetProperty("ErrorMessage", out var error) ? error.GetString() : null);
        return new CrawlerStatus(state, last);
    }

    public async Task<CrawlStart> StartCrawlAsync(string dataset, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await glue.CallAsync("StartCrawler", AwsJsonClient.Json(w => w.WriteString("Name", crawlerPrefix + dataset)), cancellationToken);
            return CrawlStart.Started;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "CrawlerRunningException")
        {
            return CrawlStart.AlreadyRunning;
        }
        catch (AwsServiceException e) when (e.IsRetryable)
        {
            return CrawlStart.Throttled;
        }
    }
}
