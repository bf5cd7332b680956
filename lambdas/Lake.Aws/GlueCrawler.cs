using SocarDataLake.Core.Ports;

namespace SocarDataLake.Aws;

/// <summary>ICrawler on AWS Glue: StartCrawler on the dataset's crawler (LAKE_CRAWLER_PREFIX + dataset).</summary>
public sealed class GlueCrawler(AwsJsonClient glue, string crawlerPrefix) : ICrawler
{
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
