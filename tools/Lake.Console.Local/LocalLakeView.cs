using SocarDataLake.Core.Quarantine;
using SocarDataLake.Core.Triggers;
using SocarDataLake.LakeConsole.Ports;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole.Local;

/// <summary>
/// The local lake as the console's pages read it: the same code `lake status`, `lake catalog`, `lake runs` and `lake
/// quarantine` print from (<see cref="DatasetOverview"/>, <see cref="QuarantineSummary"/>, <see cref="QuarantineReader"/>),
/// reading small files, so each call answers at once.
/// </summary>
public sealed class LocalLakeView(LakeRoot root) : ILakeView
{
    public string Name => root.Path;

    public Task<IReadOnlyList<DatasetBody>> DatasetsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DatasetBody> datasets = DatasetOverview.Of(root, null).Select(d => new DatasetBody(d.Contract.Name, d.Contract, d.RawObjects, d.Pending.Count, d.Pending,
            d.ProcessedObjects, d.Runs.Count, d.RowsOut, d.RowsQuarantined, d.LastRun, d.SchemaVersions, d.IgnoredRunFiles)).ToList();
        return Task.FromResult(datasets);
    }

    public Task<IReadOnlyList<RunSummary>> RunsAsync(string? dataset, CancellationToken cancellationToken) =>
        Task.FromResult(DatasetOverview.RunsOf(root, dataset));

    public Task CheckDatasetAsync(string dataset, CancellationToken cancellationToken)
    {
        root.Contract(dataset);
        return Task.CompletedTask;
    }

    /// <summary>Every record is read: the local lake has no cap.</summary>
    public Task<QuarantineRead> QuarantineAsync(string? dataset, string? run, CancellationToken cancellationToken)
    {
        var groups = QuarantineSummary.Of(root, dataset, run);
        return Task.FromResult(new QuarantineRead(groups, groups.Sum(g => g.Count), null, false));
    }

    /// <summary>The console sends the local records itself.</summary>
    public Task<QuarantineFiles?> QuarantineFilesAsync(string? dataset, string? run, CancellationToken cancellationToken) => Task.FromResult<QuarantineFiles?>(null);

    public IAsyncEnumerable<string> QuarantineLinesAsync(string? dataset, string? run, CancellationToken cancellationToken) =>
        Lines(dataset, run).ToAsyncEnumerable();

    private IEnumerable<string> Lines(string? dataset, string? run)
    {
        var datasets = dataset is null ? root.Contracts().Select(c => c.Name).ToList() : [dataset];
        foreach (var name in datasets)
            foreach (var entry in QuarantineReader.Entries(root, name, run))
                yield return entry.Line;
    }
}
