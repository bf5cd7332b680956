namespace SocarDataLake.Core.Orchestration;

/// <summary>
/// One dataset's orchestration state: the DynamoDB item of the state table (docs: orchestration-v2.md). Every
/// "covers" value is a value of <see cref="Wanted"/>: work is requested by counting arrivals, and a crawl or a
/// job run covers every arrival counted before it started. Times are epoch milliseconds.
/// </summary>
public sealed record DatasetState(string Dataset)
{
    /// <summary>
    /// Bumped by every reconciler write, which is conditional on it (optimistic locking). Arrivals do not bump
    /// it: a counter only grows, so a reconcile that read an older count is still right, just not complete.
    /// </summary>
    public long Version { get; init; }

    /// <summary>Arrival counter: one per ingest batch that carried valid objects of the dataset.</summary>
    public long Wanted { get; init; }

    /// <summary>Latest S3 eventTime seen (for reading the state, not for deciding).</summary>
    public long WantedAt { get; init; }

    public long CrawlCovers { get; init; }
    public long CrawlStartedAt { get; init; }
    public bool CrawlRunning { get; init; }
    public int CrawlFailures { get; init; }

    /// <summary>The <see cref="Wanted"/> value covered by the last crawl that ended (succeeded, or failed past the bound).</summary>
    public long Crawled { get; init; }

    public long JobCovers { get; init; }
    public string? JobRunId { get; init; }
    public long JobStartedAt { get; init; }
    public bool JobRunning { get; init; }
    public int JobFailures { get; init; }

    /// <summary>The <see cref="Wanted"/> value covered by the last successful job run.</summary>
    public long Processed { get; init; }

    /// <summary>True when every arrival counted so far has been processed and nothing runs.</summary>
    public bool IsSettled => Processed >= Wanted && !CrawlRunning && !JobRunning;
}
