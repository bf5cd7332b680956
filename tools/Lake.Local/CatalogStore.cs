using System.Text.Json;
using SocarDataLake.Core.Catalog;
using SocarDataLake.Core.Triggers;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

/// <summary>
/// The catalog as small JSON files written atomically, so a reader in another process never waits for a
/// writer: a run is committed when its summary exists (processed:_runs/&lt;dataset&gt;/&lt;run&gt;.json, the
/// same key the Glue job uses); the bookmark is the set of raw objects of committed runs; schema versions
/// live under _catalog/schemas.
/// </summary>
public sealed class CatalogStore(LakeRoot root)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public IReadOnlyList<RunSummary> CommittedRuns(string dataset) => RunRecords(dataset).Runs;

    /// <summary>
    /// Files in the dataset's run folder that are not its run records (not JSON, not a run, another dataset's or
    /// another run's record under this name): ignored, so one stray file cannot stop every command.
    /// </summary>
    public IReadOnlyList<string> ForeignRunFiles(string dataset) => RunRecords(dataset).Foreign;

    private (List<RunSummary> Runs, List<string> Foreign) RunRecords(string dataset)
    {
        var dir = Path.Combine(root.ZonePath(Zone.Processed), "_runs", dataset);
        var runs = new List<RunSummary>();
        var foreign = new List<string>();
        if (!Directory.Exists(dir)) return (runs, foreign);
        foreach (var file in Directory.EnumerateFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            if (ReadRun(file) is { } run && run.Dataset == dataset && Path.GetFileName(file) == run.RunId + ".json") runs.Add(run);
            else foreign.Add(Path.GetRelativePath(root.Path, file));
        }
        return (runs.OrderBy(r => r.StartedAt).ToList(), foreign);
    }

    private static RunSummary? ReadRun(string file)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), RunSummaryJsonContext.Default.RunSummary);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or IOException)
        {
            return null;
        }
    }

    public void Commit(RunSummary run) =>
        AtomicFile.WriteAllText(root.FileOf(new ObjectRef(Zone.Processed, RunSummary.Key(run.Dataset, run.RunId))),
            JsonSerializer.Serialize(run, RunSummaryJsonContext.Default.RunSummary));

    /// <summary>Raw objects already processed (or quarantined whole) by a committed run.</summary>
    public IReadOnlySet<string> Bookmark(string dataset) =>
        CommittedRuns(dataset).SelectMany(r => r.RawObjects.Concat(r.ObjectsQuarantined)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Raw objects of the dataset that no committed run has processed or quarantined, in key order.</summary>
    public IReadOnlyList<string> Pending(string dataset)
    {
        var rawDir = root.ZonePath(Zone.Raw);
        var dir = Path.Combine(rawDir, dataset);
        if (!Directory.Exists(dir)) return [];
        var bookmark = Bookmark(dataset);
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(rawDir, f).Replace('\\', '/'))
            .Where(k => !Path.GetFileName(k).StartsWith('.') && !bookmark.Contains(k))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Processed files that queries may see: only those listed by committed runs.</summary>
    public IReadOnlyList<string> VisibleFiles(string dataset) =>
        CommittedRuns(dataset).SelectMany(r => r.OutputFiles).Select(k => root.FileOf(new ObjectRef(Zone.Processed, k))).ToList();

    public IReadOnlyList<SchemaVersion> SchemaVersions(string dataset)
    {
        var dir = Path.Combine(root.Catalog, "schemas", dataset);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, "v*.json")
            .Select(f => JsonSerializer.Deserialize<SchemaVersion>(File.ReadAllText(f))!)
            .OrderBy(v => v.Version)
            .ToList();
    }

    public void RecordSchema(string dataset, SchemaVersion version) =>
        AtomicFile.WriteAllText(Path.Combine(root.Catalog, "schemas", dataset, $"v{version.Version}.json"), JsonSerializer.Serialize(version, Indented));

    /// <summary>Content hash → raw key of everything ingested, to refuse the same object twice.</summary>
    public Dictionary<string, string> Ingested(string dataset)
    {
        var path = Path.Combine(root.Catalog, "ingested", dataset + ".json");
        return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))! : [];
    }

    /// <summary>A read-modify-write: the caller holds the dataset's "catalog" <see cref="DatasetLock"/>.</summary>
    public void RecordIngested(string dataset, string sha256, string key)
    {
        var all = Ingested(dataset);
        all[sha256] = key;
        AtomicFile.WriteAllText(Path.Combine(root.Catalog, "ingested", dataset + ".json"), JsonSerializer.Serialize(all, Indented));
    }
}
