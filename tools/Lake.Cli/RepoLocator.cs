using SocarDataLake.Core;

namespace SocarDataLake.Cli;

/// <summary>Finds the repository's contracts and the shared sample data from wherever `lake` runs.</summary>
internal static class RepoLocator
{
    private static IEnumerable<DirectoryInfo> Ancestors()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent) yield return dir;
    }

    public static string DatasetsDirectory(string? option) =>
        option ?? Ancestors().Select(d => Path.Combine(d.FullName, "datasets")).FirstOrDefault(p => File.Exists(Path.Combine(p, "contract.schema.json")))
        ?? throw new LakeException("cannot find the datasets/ folder of contracts: run from the repository or pass --datasets <folder>.");

    /// <summary>The demo's questions as SQL files (queries/ of the repository, beside datasets/).</summary>
    public static string QueriesDirectory() =>
        Path.Combine(Path.GetDirectoryName(DatasetsDirectory(null))!, "queries");

    /// <summary>
    /// The console's dashboards: the folder given (which must exist), else dashboards/ beside the repository's
    /// datasets/, else none, since `lake serve` also runs outside a repository.
    /// </summary>
    public static string? DashboardsDirectory(string? option)
    {
        if (option is not null)
            return Directory.Exists(option) ? Path.GetFullPath(option) : throw new LakeException($"--dashboards {option}: no such folder; give the folder of dashboard *.json files.");
        var found = Ancestors().Select(d => Path.Combine(d.FullName, "datasets")).FirstOrDefault(p => File.Exists(Path.Combine(p, "contract.schema.json")));
        var dashboards = found is null ? null : Path.Combine(Path.GetDirectoryName(found)!, "dashboards");
        return dashboards is not null && Directory.Exists(dashboards) ? dashboards : null;
    }

    public static string SampleDirectory(string? option) =>
        option ?? Ancestors().SelectMany(d => new[] { Path.Combine(d.FullName, "shared", "data", "nyc-taxi"), Path.Combine(d.FullName, "..", "shared", "data", "nyc-taxi") })
            .Select(Path.GetFullPath).FirstOrDefault(p => File.Exists(Path.Combine(p, "sample_yellow_tripdata_2019-01.csv")))
        ?? throw new LakeException("cannot find the NYC taxi sample (shared/data/nyc-taxi/sample_yellow_tripdata_2019-01.csv beside the repository): pass --data <folder>.");
}
