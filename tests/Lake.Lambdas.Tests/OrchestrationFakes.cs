using SocarDataLake.Core.Orchestration;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>The state table in memory, with DynamoDB's conditional write on the version and injectable throttles and races.</summary>
internal sealed class MemoryStateStore : IDatasetStateStore
{
    public Dictionary<string, DatasetState> Items { get; } = new(StringComparer.Ordinal);
    public int ThrottleReads { get; set; }
    public int ThrottleArrivals { get; set; }
    public int ThrottleWrites { get; set; }

    /// <summary>Runs just before a conditional write is checked: another reconcile writing in between.</summary>
    public Action? BeforeWrite { get; set; }

    public int Writes { get; private set; }

    public Task<StateRead> ReadStateAsync(string dataset, CancellationToken cancellationToken) =>
        Task.FromResult(ThrottleReads-- > 0 ? new StateRead(null, true) : new StateRead(Items.GetValueOrDefault(dataset), false));

    public Task<StateWrite> RecordArrivalAsync(string dataset, long eventTimeMs, CancellationToken cancellationToken)
    {
        if (ThrottleArrivals-- > 0) return Task.FromResult(StateWrite.Throttled);
        var item = Items.GetValueOrDefault(dataset) ?? new DatasetState(dataset);
        Items[dataset] = item with { Wanted = item.Wanted + 1, WantedAt = Math.Max(item.WantedAt, eventTimeMs) };
        return Task.FromResult(StateWrite.Written);
    }

    public Task<StateWrite> WriteStateAsync(DatasetState state, long readVersion, CancellationToken cancellationToken)
    {
        if (ThrottleWrites-- > 0) return Task.FromResult(StateWrite.Throttled);
        var hook = BeforeWrite;
        BeforeWrite = null;
        hook?.Invoke();
        var current = Items.GetValueOrDefault(state.Dataset) ?? new DatasetState(state.Dataset);
        if (current.Version != readVersion) return Task.FromResult(StateWrite.ConditionFailed);
        Writes++;
        Items[state.Dataset] = state with { Version = readVersion + 1, Wanted = current.Wanted, WantedAt = current.WantedAt };
        return Task.FromResult(StateWrite.Written);
    }

    /// <summary>Another reconciler's write: bumps the version as any reconciler write does.</summary>
    public void ConcurrentWrite(string dataset, Func<DatasetState, DatasetState> change)
    {
        var current = Items[dataset];
        Items[dataset] = change(current) with { Version = current.Version + 1 };
    }
}

/// <summary>Glue's crawlers and jobs as the reconciler sees them: scripted answers, every call recorded.</summary>
internal sealed class FakeGlue : ICrawler, ICrawlerStatusReader, IJobRunner, IJobRunReader
{
    public Dictionary<string, CrawlerStatus> Crawlers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> RunStates { get; } = new(StringComparer.Ordinal);
    public CrawlStart NextCrawlStart { get; set; } = CrawlStart.Started;
    public JobStartStatus NextJobStart { get; set; } = JobStartStatus.Started;
    public List<string> CrawlsStarted { get; } = [];
    public List<(string Dataset, IReadOnlyDictionary<string, string> Arguments, string RunId)> RunsStarted { get; } = [];
    public List<string> Calls { get; } = [];

    /// <summary>Runs before each StartCrawler answers: lets a test answer per dataset.</summary>
    public Action<string>? BeforeCrawlStart { get; set; }

    public Task<CrawlStart> StartCrawlAsync(string dataset, CancellationToken cancellationToken)
    {
        Calls.Add("StartCrawler " + dataset);
        BeforeCrawlStart?.Invoke(dataset);
        if (NextCrawlStart == CrawlStart.Started)
        {
            CrawlsStarted.Add(dataset);
            Crawlers[dataset] = new CrawlerStatus("RUNNING", Crawlers.GetValueOrDefault(dataset)?.LastCrawl);
        }
        return Task.FromResult(NextCrawlStart);
    }

    public Task<CrawlerStatus> GetCrawlerAsync(string dataset, CancellationToken cancellationToken)
    {
        Calls.Add("GetCrawler " + dataset);
        return Task.FromResult(Crawlers.GetValueOrDefault(dataset) ?? new CrawlerStatus("READY", null));
    }

    public Task<JobStart> StartJobAsync(string dataset, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        Calls.Add("StartJobRun " + dataset);
        if (NextJobStart != JobStartStatus.Started) return Task.FromResult(new JobStart(NextJobStart, null));
        var id = $"jr_{RunsStarted.Count + 1}";
        RunsStarted.Add((dataset, arguments, id));
        RunStates[id] = "RUNNING";
        return Task.FromResult(new JobStart(JobStartStatus.Started, id));
    }

    public Task<JobRunDetails?> GetJobRunAsync(string jobName, string runId, CancellationToken cancellationToken)
    {
        Calls.Add($"GetJobRun {jobName} {runId}");
        return Task.FromResult(RunStates.TryGetValue(runId, out var state) ? new JobRunDetails(state, null, null) : null);
    }

    /// <summary>The dataset's crawl ends now: READY, with a last crawl that started at <paramref name="startedAt"/>.</summary>
    public void CrawlEnds(string dataset, string status, DateTimeOffset startedAt) =>
        Crawlers[dataset] = new CrawlerStatus("READY", new LastCrawl(status, startedAt, status == "SUCCEEDED" ? null : "Internal Service Exception"));
}

/// <summary>A clock the test moves.</summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
