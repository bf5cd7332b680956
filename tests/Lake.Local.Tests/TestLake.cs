using System.Text;
using System.Text.Json;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Triggers;

namespace SocarDataLake.Local.Tests;

/// <summary>A throwaway lake initialized from the repository's contracts, with helpers to feed and read it.</summary>
internal sealed class TestLake : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lake-test-").FullName;
    private readonly StringWriter _console = new();

    /// <summary>The lake's clock: the middle of <see cref="Today"/> (UTC), moving 1 ms each time it is read so runs stay ordered.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public const string Today = "2026-11-25";

    public FakeTimeProvider Clock { get; } = new(Now) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public LakeRoot Root { get; }
    public CatalogStore Catalog { get; }
    public string Console => _console.ToString();

    public TestLake()
    {
        Root = LakeRoot.Init(Path.Combine(_dir, "lake"), Repo.Path("datasets"));
        Catalog = new CatalogStore(Root);
    }

    public static string Repo_Sample(string file) => Repo.Path("..", "shared", "data", "nyc-taxi", file);

    // Retries go again at once: with the fake clock, a delay would wait for a time nobody advances.
    public LocalPipeline Pipeline() => new(Root, _console, Clock, retryDelay: TimeSpan.Zero);

    public string WriteInput(string name, string content) => WriteInput(name, Encoding.UTF8.GetBytes(content));

    public string WriteInput(string name, byte[] content)
    {
        var path = Path.Combine(_dir, "input", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Ingests files and runs the pipeline to the end; returns the runs it made.</summary>
    public async Task<IReadOnlyList<RunSummary>> IngestAsync(string dataset, params string[] files)
    {
        var pipeline = Pipeline();
        await pipeline.IngestAsync(files, dataset, TestContext.Current.CancellationToken);
        await pipeline.DrainAsync(TestContext.Current.CancellationToken);
        return pipeline.Runs;
    }

    public async Task<RunSummary> IngestOneAsync(string dataset, string name, string content) =>
        Assert.Single(await IngestAsync(dataset, WriteInput(name, content)));

    public QueryResult Query(string sql, int limit = 1000) => new QueryService(Root, Catalog).Run(sql, limit);

    /// <summary>Every quarantine record (bad rows, rejected lines, whole objects) of a dataset.</summary>
    public List<JsonElement> Quarantined(string dataset) => QuarantineReader.Records(Root, dataset).ToList();

    public static void AssertBalanced(RunSummary run) =>
        Assert.True(run.RowsIn == run.RowsOut + run.RowsQuarantined, $"rows in {run.RowsIn} != out {run.RowsOut} + quarantined {run.RowsQuarantined}");

    public void Dispose()
    {
        _console.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

internal static class Repo
{
    public static string Root => RepositoryRoot.Path;

    public static string Path(params string[] parts) => System.IO.Path.GetFullPath(System.IO.Path.Combine([Root, .. parts]));
}
