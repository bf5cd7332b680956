namespace SocarDataLake.Simulate.Work;

/// <summary>
/// Work accounting: every raw object, which job runs wrote it, and the usage the bill is made of. Glue job
/// bookmarks are modelled here: a run reads every object of its dataset that landed before it started and
/// is not yet committed; only a successful run commits what it read (Tracking processed data using job
/// bookmarks).
/// </summary>
public sealed class WorkLedger
{
    private readonly List<RawObject> objects = [];
    private readonly Dictionary<string, RawObject> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RawObject>> uncommitted = new(StringComparer.Ordinal);

    public IReadOnlyList<RawObject> Objects => objects;

    public int CrawlerRuns { get; set; }
    public double CrawlerBilledSeconds { get; set; }
    public int JobRuns { get; set; }
    public double JobBilledDpuSeconds { get; set; }
    public int LambdaInvocations { get; set; }
    public double LambdaGbSeconds { get; set; }
    public long SqsRequests { get; set; }
    public long DynamoDbReads { get; set; }
    public long DynamoDbWrites { get; set; }
    public int ReconcileEventsDeadLettered { get; set; }
    public int AsyncEventsDiscarded { get; set; }
    public int EventBridgeDeadLettered { get; set; }
    public int EventBridgeDropped { get; set; }
    public int ValidEventsDeadLettered { get; set; }
    public int PoisonEventsDeadLettered { get; set; }

    /// <summary>What happened, in order: kept short, for tests and for a reader of a run.</summary>
    public List<string> Log { get; } = [];
    public bool KeepLog { get; set; }

    public RawObject Land(string dataset, string key, double time, bool valid)
    {
        var obj = new RawObject(objects.Count, dataset, key, time, valid);
        objects.Add(obj);
        byKey[key] = obj;
        if (valid)
        {
            if (!uncommitted.TryGetValue(dataset, out var list)) uncommitted[dataset] = list = [];
            list.Add(obj);
        }
        return obj;
    }

    public RawObject? Find(string key) => byKey.GetValueOrDefault(key);

    /// <summary>What a job run starting now reads: its dataset's objects not yet in the bookmark.</summary>
    public List<RawObject> Unprocessed(string dataset, double now)
    {
        if (!uncommitted.TryGetValue(dataset, out var list)) return [];
        list.RemoveAll(o => o.Bookmarked);
        return list.Where(o => o.LandedAt <= now).ToList();
    }

    /// <summary>A run's output became visible (written to the processed zone), whether or not it commits.</summary>
    public static void Written(IEnumerable<RawObject> read, string runId, double time)
    {
        foreach (var obj in read)
        {
            obj.WrittenBy.Add(runId);
            obj.QueryableAt ??= time;
        }
    }

    public static void Commit(IEnumerable<RawObject> read)
    {
        foreach (var obj in read) obj.Bookmarked = true;
    }

    public void Note(double time, string what)
    {
        if (KeepLog) Log.Add($"{time,9:0.0}s {what}");
    }
}
