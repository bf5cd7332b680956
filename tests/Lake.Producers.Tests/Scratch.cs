using System.Diagnostics;
using SocarDataLake.Local;

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
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.GetFullPath(System.IO.Path.Combine([Root, .. parts]));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "global.json"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (global.json) not found above " + AppContext.BaseDirectory);
    }
}

public sealed record CliRun(int ExitCode, string Output, string Error);

/// <summary>Runs the built `lake` command with a clean AWS environment plus the given variables.</summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        // The test runs from tests/Lake.Producers.Tests/bin/<configuration>/net10.0/: the CLI was built in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Repo.Path("tools", "Lake.Cli", "bin", configuration, "net10.0", "lake.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("LAKE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        // No real profile file may leak into a test.
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(workingDirectory, "no-credentials");
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(workingDirectory, "no-config");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliRun(process.ExitCode, await output, await error);
    }
}
