namespace SocarDataLake.Core.Ports;

public enum CrawlStart
{
    Started,
    /// <summary>A crawl of this dataset is already running: the caller retries later.</summary>
    AlreadyRunning,
    /// <summary>The service asked us to slow down: the caller retries later.</summary>
    Throttled,
}

/// <summary>Starts the schema crawl of one dataset's raw zone: a Glue crawler on AWS, DuckDB inference locally.</summary>
public interface ICrawler
{
    Task<CrawlStart> StartCrawlAsync(string dataset, CancellationToken cancellationToken);
}
