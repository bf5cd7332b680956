namespace SocarDataLake.Core.Ports;

/// <summary>The last finished crawl: Status SUCCEEDED, CANCELLED or FAILED, and when it started.</summary>
public sealed record LastCrawl(string Status, DateTimeOffset StartTime, string? ErrorMessage);

/// <summary>What Glue says of a dataset's crawler: State READY, RUNNING or STOPPING, and its last crawl.</summary>
public sealed record CrawlerStatus(string State, LastCrawl? LastCrawl);

/// <summary>Reads a dataset's crawler status (Glue GetCrawler).</summary>
public interface ICrawlerStatusReader
{
    Task<CrawlerStatus> GetCrawlerAsync(string dataset, CancellationToken cancellationToken);
}
