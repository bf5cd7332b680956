using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SocarDataLake.Core.Ports;
using SocarDataLake.Local;
using Spectre.Console;

namespace SocarDataLake.Cli;

/// <summary>What each `lake` verb does; Program.cs only wires arguments to these.</summary>
internal static partial class LakeCommands
{
    public static int Init(string rootPath, string? datasets)
    {
        var root = LakeRoot.Init(rootPath, RepoLocator.DatasetsDirectory(datasets));
        Console.WriteLine($"Initialized a lake at {root.Path} with datasets: {string.Join(", ", root.Contracts().Select(c => c.Name))}");
        return 0;
    }

    public static async Task<int> IngestAsync(string rootPath, string[] paths, string dataset, bool noWait, CancellationToken cancellationToken)
    {
        var root = LakeRoot.Open(rootPath);
        var pipeline = new LocalPipeline(root, Console.Out, Progress);
        var landed = await pipeline.IngestAsync(paths, dataset, cancellationToken);
        foreach (var item in landed) Console.WriteLine($"{(item.Skipped ? "skipped" : "landed ")}  {item.Source} -> raw/{item.Key}  ({item.Bytes / 1024.0:F0} KiB){(item.Skipped ? "  " + item.Note : "")}");
        if (noWait)
        {
            Console.WriteLine("--no-wait: the objects are landed; their events are processed by the next 'lake ingest' of this dataset.");
            return 0;
        }
        await pipeline.DrainAsync(cancellationToken);
        foreach (var run in pipeline.Runs)
            Console.WriteLine($"run {run.RunId}: {run.RowsIn:N0} rows in = {run.RowsOut:N0} out + {run.RowsQuarantined:N0} quarantined; {run.ObjectsQuarantined.Count} whole objects quarantined; {run.DurationSeconds:F2} s");
        return 0;
    }

    public static int Status(string rootPath)
    {
        var root = LakeRoot.Open(rootPath);
        var catalog = new CatalogStore(root);
        var rows = root.Contracts().Select(c =>
        {
            var runs = catalog.CommittedRuns(c.Name);
            var rawDir = Path.Combine(root.ZonePath(Zone.Raw), c.Name);
            var raw = Directory.Exists(rawDir) ? Directory.EnumerateFiles(rawDir, "*", SearchOption.AllDirectories).Count() : 0;
            var bookmarked = catalog.Bookmark(c.Name).Count;
            var versions = catalog.SchemaVersions(c.Name);
            var last = runs.Count > 0 ? runs[^1] : null;
            return new[]
            {
                c.Name, raw.ToString(CultureInfo.InvariantCulture), (raw - bookmarked).ToString(CultureInfo.InvariantCulture),
                runs.Count.ToString(CultureInfo.InvariantCulture), runs.Sum(r => r.RowsOut).ToString("N0", CultureInfo.InvariantCulture),
                runs.Sum(r => r.RowsQuarantined).ToString("N0", CultureInfo.InvariantCulture), versions.Count > 0 ? $"v{versions[^1].Version}" : "-",
                last is null ? "-" : $"{last.State} {last.FinishedAt:yyyy-MM-dd HH:mm:ss}",
            };
        });
        Output.Table(["dataset", "raw objects", "pending", "runs", "rows out", "rows quarantined", "schema", "last run"], rows, $"lake at {root.Path}");
        return 0;
    }

    public static int Catalog(string rootPath, string? dataset)
    {
        var root = LakeRoot.Open(rootPath);
        var catalog = new CatalogStore(root);
        foreach (var contract in dataset is null ? root.Contracts() : [root.Contract(dataset)])
        {
            Output.Table(["column", "type", "from source", "format", "required"],
                contract.Columns.Select(c => new[] { c.Name, c.Type, c.Source, c.Format ?? "", c.Required ? "yes" : "" }),
                $"{contract.Name} ({contract.Format.Type}; partitioned by {(contract.Partitioning.Count > 0 ? string.Join(", ", contract.Partitioning.Select(p => $"{p.Name} = {p.Transform}({p.Column})")) : "nothing")})");
            var versions = catalog.SchemaVersions(contract.Name);
            if (versions.Count > 0)
                Output.Table(["schema version", "raw columns", "first seen in", "drift"],
                    versions.Select(v => new[] { $"v{v.Version}", v.Columns.Count.ToString(CultureInfo.InvariantCulture), v.FirstSeenIn, string.Join("; ", v.Drift) }),
                    $"{contract.Name}: raw schema versions (crawler)");
        }
        return 0;
    }

    public static int Runs(string rootPath, string? dataset)
    {
        var root = LakeRoot.Open(rootPath);
        var catalog = new CatalogStore(root);
        var runs = (dataset is null ? root.Contracts().Select(c => c.Name) : [root.Contract(dataset).Name]).SelectMany(catalog.CommittedRuns).OrderBy(r => r.StartedAt);
        Output.Table(["dataset", "run", "state", "rows in", "rows out", "quarantined", "objects", "MiB in", "seconds", "schema"],
            runs.Select(r => new[]
            {
                r.Dataset, r.RunId, r.State, r.RowsIn.ToString("N0", CultureInfo.InvariantCulture), r.RowsOut.ToString("N0", CultureInfo.InvariantCulture),
                r.RowsQuarantined.ToString("N0", CultureInfo.InvariantCulture), $"{r.RawObjects.Count} ok, {r.ObjectsQuarantined.Count} quarantined",
                (r.BytesIn / 1048576.0).ToString("F1", CultureInfo.InvariantCulture), r.DurationSeconds.ToString("F2", CultureInfo.InvariantCulture), r.SchemaVersion is { } v ? $"v{v}" : "-",
            }), "runs");
        return 0;
    }

    public static int Quarantine(string rootPath, string? dataset)
    {
        var root = LakeRoot.Open(rootPath);
        var reasons = new Dictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
        foreach (var contract in dataset is null ? root.Contracts() : [root.Contract(dataset)])
        {
            foreach (var record in QuarantineReader.Records(root, contract.Name))
            {
                var reason = record.GetProperty("reason").GetString() ?? "";
                var where = record.TryGetProperty("row", out var row) && row.ValueKind == JsonValueKind.Number ? $" (row {row})" : "";
                foreach (var part in ReasonParts().Split(reason))
                {
                    var kind = $"{contract.Name}: {Quoted().Replace(LineNumber().Replace(part, "line N:"), "'…'")}";
                    reasons[kind] = reasons.TryGetValue(kind, out var seen) ? (seen.Count + 1, seen.Example) : (1, $"{record.GetProperty("raw_object").GetString()}{where}: {part}");
                }
            }
        }
        if (reasons.Count == 0)
        {
            Console.WriteLine("Nothing is quarantined.");
            return 0;
        }
        Output.Table(["reason", "count", "first example"], reasons.OrderByDescending(kv => kv.Value.Count).Select(kv => new[] { kv.Key, kv.Value.Count.ToString("N0", CultureInfo.InvariantCulture), kv.Value.Example }),
            $"quarantine (files under {root.ZonePath(Zone.Quarantine)})");
        return 0;
    }

    public static int Query(string rootPath, string sql, string format, int limit)
    {
        var root = LakeRoot.Open(rootPath);
        Output.Write(new QueryService(root, new CatalogStore(root)).Run(sql, limit), format);
        return 0;
    }

    // Progress redraws one terminal line; in logs (stderr redirected) it would only add noise.
    internal static void Progress(string message)
    {
        if (!Console.IsErrorRedirected) Console.Error.Write($"\r\u001b[2K{message}\r");
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^line \d+:")]
    private static partial Regex LineNumber();

    // A reason joins one "column: ..." message per failed check with "; ". A quoted value may hold "; " too
    // ('x; DROP TABLE t'), so a message starts only where a snake_case column name and ": " follow.
    [GeneratedRegex("; (?=[a-z][a-z0-9_]*: )")]
    private static partial Regex ReasonParts();
}
