using SocarDataLake.Local;
using SocarDataLake.TestServers;

namespace SocarDataLake.Producers.Tests;

/// <summary>A throwaway folder with a lake initialized from the repository's contracts.</summary>
internal sealed class ScratchLake : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("producers-test-").FullName;
    public LakeRoot Root { get; }

    public ScratchLake() => Root = LakeRoot.Init(Path.Combine(Folder, "lake"), Repo.Path("datasets"));

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public QueryResult Query(string sql) => new QueryService(Root, new CatalogStore(Root)).Run(sql, 10_000);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

internal static class Repo
{
    public static string Root => RepositoryRoot.Path;

    public static string Path(params string[] parts) => System.IO.Path.GetFullPath(System.IO.Path.Combine([Root, .. parts]));
}

/// <summary>Runs the built `lake` command with a clean AWS environment plus the given variables.</summary>
internal static class Cli
{
    public static Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        LakeCommand.RunAsync(workingDirectory, environment, TestContext.Current.CancellationToken, args);
}
