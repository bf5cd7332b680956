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
/// records grouped as locally (<see cref="QuarantineObjects"/>, <see cref="QuarantineGrouping"/>), the first
/// <see cref="AwsConsoleSettings.QuarantineReadCap"/> of them, and downloaded from the bucket by presigned addresses.
/// </summary>
public sealed class AwsLakeView(AwsConsoleSettings settings, GlueCatalogReader catalog, RunHistory history, QuarantineObjects quarantine, PresignedDownloads downloads) : ILakeView
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

    /// <summary>A download lists at most this many objects: each address is about 1 KB of a 6 MB answer.</summary>
    public const int DownloadObjects = 1000;

    public async Task<QuarantineRead> QuarantineAsync(string? dataset, string? run, CancellationToken cancellationToken)
    {
        var grouping = new QuarantineGrouping();
        var reading = new QuarantineReading(settings.QuarantineReadCap);
        foreach (var name in Datasets(dataset)) await quarantine.ReadAsync(name, grouping, reading, cancellationToken, run);
        // At the cap with nothing left over, every record was read: only records left unread cut the view short.
        return new QuarantineRead(grouping.Groups(), reading.Records, reading.Cap, reading.CutShort is not null || reading.Unread.Count > 0);
    }

    public async IAsyncEnumerable<string> QuarantineLinesAsync(string? dataset, string? run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var name in Datasets(dataset))
            await foreach (var line in quarantine.LinesAsync(name, run, cancellationToken))
                yield return line;
    }

    public async Task<QuarantineFiles?> QuarantineFilesAsync(string? dataset, string? run, CancellationToken cancellationToken)
    {
        var objects = new List<Amazon.S3.Model.S3Object>();
        foreach (var name in Datasets(dataset)) objects.AddRange(await quarantine.RecordObjectsAsync(name, run, cancellationToken));
        var files = new List<QuarantineFile>();
        foreach (var item in objects.Take(DownloadObjects))
        {
            // tripdata/run=jr_1/bad-rows-00000.jsonl is saved as quarantine-tripdata-jr_1-bad-rows-00000.jsonl.
            var name = "quarantine-" + string.Concat(item.Key.Replace("/run=", "-", StringComparison.Ordinal).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-'));
            var address = await downloads.AddressAsync(settings.QuarantineBucket, item.Key, "application/x-ndjson; charset=utf-8", name);
            files.Add(new QuarantineFile(name, address.AbsoluteUri, item.Size));
        }
        return new QuarantineFiles(files, objects.Count - files.Count);
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
