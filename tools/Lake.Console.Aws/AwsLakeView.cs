using System.Runtime.CompilerServices;
using SocarDataLake.Aws.Glue;
using SocarDataLake.AwsViews;
using SocarDataLake.Core;
using SocarDataLake.Core.Catalog;
using SocarDataLake.Core.Quarantine;
using SocarDataLake.Core.Triggers;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole.Aws;

/// <summary>
/// The deployed lake as the console's pages read it, by the code `lake status|runs|quarantine --aws` print from: the
/// processed table of each dataset in the Glue catalog (columns, partition keys, partitions), its runs from the run
/// summaries in the processed bucket and Glue's job runs (<see cref="RunHistory"/>), and the quarantine bucket's
/// records grouped as locally (<see cref="QuarantineObjects"/>, <see cref="QuarantineGrouping"/>).
/// </summary>
public sealed class AwsLakeView(AwsConsoleSettings settings, GlueCatalogReader catalog, RunHistory history, QuarantineObjects quarantine) : ILakeView
{
    public string Name => $"AWS lake in {settings.Region}: Glue database {settings.Database}";

    public async Task<IReadOnlyList<DatasetBody>> DatasetsAsync(CancellationToken cancellationToken)
    {
        var tables = await catalog.TablesAsync(settings.Database, cancellationToken);
        var datasets = new List<DatasetBody>();
        foreach (var contract in settings.Contracts)
        {
            var runs = await history.ReadAsync(contract.Name, settings.JobName(contract.Name), cancellationToken);
            var summaries = runs.Runs.Select(r => r.Summary).OfType<RunSummary>().ToList();
            var table = tables.FirstOrDefault(t => t.Name == contract.Name);
            datasets.Add(new DatasetBody(contract.Name, contract, null, null, null, null, runs.Runs.Count, summaries.Sum(s => s.RowsOut), summaries.Sum(s => s.RowsQuarantined),
                runs.Runs.Count > 0 ? AsSummary(runs.Runs[^1]) : null, null, runs.Ignored)
            {
                Table = table is null ? null : new CatalogTableBody(settings.Database, table.Name, table.Columns.Select(c => new SchemaColumn(c.Name, c.Type)).ToList(),
                    table.PartitionKeys, table.PartitionKeys.Count == 0 ? 0 : await catalog.PartitionCountAsync(settings.Database, table.Name, cancellationToken), table.Location),
            });
        }
        return datasets;
    }

    public async Task<IReadOnlyList<RunSummary>> RunsAsync(string? dataset, CancellationToken cancellationToken)
    {
        var runs = new List<AwsRun>();
        foreach (var name in Datasets(dataset))
            runs.AddRange((await history.ReadAsync(name, settings.JobName(name), cancellationToken)).Runs);
        return runs.OrderBy(r => r.StartedAt ?? DateTimeOffset.MaxValue).Select(AsSummary).ToList();
    }

    public Task CheckDatasetAsync(string dataset, CancellationToken cancellationToken)
    {
        Datasets(dataset);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<QuarantineGroup>> QuarantineAsync(string? dataset, string? run, CancellationToken cancellationToken)
    {
        var grouping = new QuarantineGrouping();
        var reading = new QuarantineReading(QuarantineReading.DefaultCap);
        foreach (var name in Datasets(dataset)) await quarantine.ReadAsync(name, grouping, reading, cancellationToken, run);
        return grouping.Groups();
    }

    public async IAsyncEnumerable<string> QuarantineLinesAsync(string? dataset, string? run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var name in Datasets(dataset))
            await foreach (var line in quarantine.LinesAsync(name, run, cancellationToken))
                yield return line;
    }

    private List<string> Datasets(string? dataset)
    {
        var names = settings.Contracts.Select(c => c.Name).ToList();
        if (dataset is null) return names;
        return names.Contains(dataset, StringComparer.Ordinal)
            ? [dataset]
            : throw new LakeException($"unknown dataset '{dataset}': known datasets are {string.Join(", ", names)}.");
    }

    // A run Glue knows but that wrote no summary keeps no row counts: its state and why are in the note, as error.
    private static RunSummary AsSummary(AwsRun run)
    {
        var note = run.Note();
        if (run.Summary is { } summary) return summary.Error is null && note is not null ? summary with { Error = note } : summary;
        return new RunSummary
        {
            Dataset = run.Dataset,
            RunId = run.RunId,
            State = run.State,
            StartedAt = run.StartedAt ?? default,
            FinishedAt = run.EndedAt ?? default,
            DurationSeconds = run.Glue?.ExecutionSeconds ?? 0,
            Error = note,
        };
    }
}
