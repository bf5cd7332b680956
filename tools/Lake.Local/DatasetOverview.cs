using SocarDataLake.Core.Catalog;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Triggers;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

/// <summary>
/// What the lake knows of one dataset, from its contract and the catalog's files: what `lake status` and `lake catalog`
/// print and the console's datasets page shows. Processed objects are those a committed run read or quarantined whole;
/// pending ones are landed and wait for a run.
/// </summary>
public sealed record DatasetOverview(
    DatasetContract Contract,
    int RawObjects,
    IReadOnlyList<string> Pending,
    int ProcessedObjects,
    IReadOnlyList<RunSummary> Runs,
    IReadOnlyList<SchemaVersion> SchemaVersions,
    IReadOnlyList<string> IgnoredRunFiles)
{
    public long RowsOut => Runs.Sum(r => r.RowsOut);
    public long RowsQuarantined => Runs.Sum(r => r.RowsQuarantined);
    public RunSummary? LastRun => Runs.Count > 0 ? Runs[^1] : null;

    public static DatasetOverview Of(LakeRoot root, CatalogStore catalog, DatasetContract contract)
    {
        var rawDir = Path.Combine(root.ZonePath(Zone.Raw), contract.Name);
        var raw = Directory.Exists(rawDir) ? Directory.EnumerateFiles(rawDir, "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith('.')) : 0;
        return new DatasetOverview(contract, raw, catalog.Pending(contract.Name), catalog.Bookmark(contract.Name).Count,
            catalog.CommittedRuns(contract.Name), catalog.SchemaVersions(contract.Name), catalog.ForeignRunFiles(contract.Name));
    }

    /// <summary>Every dataset of the lake, or only the one named (an unknown name is the user's mistake, named).</summary>
    public static IReadOnlyList<DatasetOverview> Of(LakeRoot root, string? dataset)
    {
        var catalog = new CatalogStore(root);
        return (dataset is null ? root.Contracts() : [root.Contract(dataset)]).Select(c => Of(root, catalog, c)).ToList();
    }

    /// <summary>Committed runs of every dataset (or one), oldest first: the run ledger `lake runs` prints.</summary>
    public static IReadOnlyList<RunSummary> RunsOf(LakeRoot root, string? dataset)
    {
        var catalog = new CatalogStore(root);
        return (dataset is null ? root.Contracts().Select(c => c.Name) : [root.Contract(dataset).Name])
            .SelectMany(catalog.CommittedRuns).OrderBy(r => r.StartedAt).ToList();
    }
}
