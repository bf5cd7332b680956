using System.Globalization;
using System.Text.Json;
using SocarDataLake.Core.Quarantine;
using SocarDataLake.Core.Zones;
using SocarDataLake.Core;
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

    public static async Task<int> IngestAsync(string rootPath, string[] paths, string dataset, bool noWait, DateOnly? ingestDate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var root = LakeRoot.Open(rootPath);
        var pipeline = new LocalPipeline(root, Console.Out, clock, Progress);
        try
        {
            var landed = await pipeline.IngestAsync(paths, dataset, ingestDate, cancellationToken);
            foreach (var item in landed) Console.WriteLine($"{(item.Skipped ? "skipped" : "landed ")}  {item.Source} -> raw/{item.Key}  ({item.Bytes / 1024.0:F0} KiB){(item.Note != "landed" ? "  " + item.Note : "")}");
            if (noWait)
            {
                Console.WriteLine($"--no-wait: the objects are landed and pending; 'lake process {dataset}' (or the next ingest of this dataset) processes them.");
                return 0;
            }
            await pipeline.DrainAsync(cancellationToken);
            PrintRuns(pipeline.Runs);
            // A Ctrl-C that came while a step could not stop (the run committed anyway) still ends as a Ctrl-C, and
            // says what it left: the user pressed it and must not be told less than the truth.
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = Outcome(root, pipeline.Runs);
            return PrintCommittedElsewhere(root, dataset, landed, pipeline.Runs) ? outcome : 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine(Interrupted(root, dataset, pipeline.Landed, paths.Length));
            return ExitInterrupted;
        }
    }

    /// <summary>`lake process`: runs the pipeline over every raw object no committed run has processed.</summary>
    public static async Task<int> ProcessAsync(string rootPath, string? dataset, TimeProvider clock, CancellationToken cancellationToken)
    {
        var root = LakeRoot.Open(rootPath);
        var pipeline = new LocalPipeline(root, Console.Out, clock, Progress);
        var datasets = dataset is null ? root.Contracts().Select(c => c.Name).ToList() : [root.Contract(dataset).Name];
        var queued = datasets.Sum(d => pipeline.QueuePending(d).Count);
        if (queued == 0)
        {
            Console.WriteLine($"Nothing is pending in {(dataset ?? "any dataset")}.");
            return 0;
        }
        Console.WriteLine($"processing {queued} pending raw object{(queued == 1 ? "" : "s")}");
        try
        {
            await pipeline.DrainAsync(cancellationToken);
            PrintRuns(pipeline.Runs);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            PrintRuns(pipeline.Runs);
            var still = datasets.Sum(d => new CatalogStore(root).Pending(d).Count);
            var committed = pipeline.Runs.Count(r => r.State != "FAILED");
            var runs = committed == 0 ? "no run committed" : $"{committed} run(s) committed (listed above)";
            Console.Error.WriteLine($"lake: stopped by {StopSignal.Name}. {runs}; {still} raw object{(still == 1 ? " is" : "s are")} still pending, none of their rows visible: 'lake process' again finishes them.");
            return ExitInterrupted;
        }
        var left = datasets.Sum(d => new CatalogStore(root).Pending(d).Count);
        if (left > 0) Console.WriteLine($"{left} raw objects are still pending; run 'lake process' again.");
        return Outcome(root, pipeline.Runs);
    }

    // 1 when a run failed (nothing committed); 2 when a file was unreadable as the dataset's format and quarantined
    // whole: the run committed, but none of that file's rows are in the lake and only the user can fix the file.
    private static int Outcome(LakeRoot root, IReadOnlyList<SocarDataLake.Core.Triggers.RunSummary> runs)
    {
        if (Failed(runs)) return 1;
        var whole = runs.Where(r => r.ObjectsQuarantined.Count > 0).ToList();
        foreach (var run in whole)
            foreach (var (key, reason) in WholeObjectReasons(root, run))
                Console.Error.WriteLine($"lake: raw/{key} was quarantined whole, none of its rows are in the lake: {reason}. Fix the file and ingest it again ('lake quarantine {run.Dataset}' lists it).");
        return whole.Count > 0 ? 2 : 0;
    }

    private static IEnumerable<(string Key, string Reason)> WholeObjectReasons(LakeRoot root, SocarDataLake.Core.Triggers.RunSummary run)
    {
        var records = Path.Combine(root.ZonePath(Zone.Quarantine), run.Dataset, $"run={run.RunId}", "objects.jsonl");
        var reasons = File.Exists(records)
            ? File.ReadLines(records).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("raw_object").GetString()!, e => e.GetProperty("reason").GetString()!)
            : [];
        return run.ObjectsQuarantined.Select(key => (key, reasons.GetValueOrDefault(key, "unreadable")));
    }

    // A run that failed committed nothing: its objects stay pending, and the command must not report success.
    private static bool Failed(IEnumerable<SocarDataLake.Core.Triggers.RunSummary> runs)
    {
        var failed = runs.Where(r => r.State == "FAILED").ToList();
        foreach (var run in failed)
            Console.Error.WriteLine($"lake: run {run.RunId} of {run.Dataset} FAILED: {run.Error}. Its raw objects stay pending; after a fix 'lake process {run.Dataset}' runs them again (LAKE_DEBUG=1 for details).");
        return failed.Count > 0;
    }

    // An ingest that waited for another process's job may find its objects committed by that job, and then runs
    // nothing itself: it names the run that committed each, or says it is still pending. False if one is pending.
    private static bool PrintCommittedElsewhere(LakeRoot root, string dataset, IEnumerable<IngestedObject> landed, IReadOnlyList<SocarDataLake.Core.Triggers.RunSummary> runs)
    {
        var ours = runs.SelectMany(r => r.RawObjects.Concat(r.ObjectsQuarantined)).ToHashSet(StringComparer.Ordinal);
        var elsewhere = landed.Where(i => !i.Skipped && !ours.Contains(i.Key)).ToList();
        if (elsewhere.Count == 0) return true;
        var committed = new CatalogStore(root).CommittedRuns(dataset);
        var allCommitted = true;
        foreach (var item in elsewhere)
        {
            if (committed.FirstOrDefault(r => r.RawObjects.Contains(item.Key) || r.ObjectsQuarantined.Contains(item.Key)) is { } run)
            {
                Console.WriteLine($"raw/{item.Key}: committed by run {run.RunId} of another process ({run.RowsIn:N0} rows in = {run.RowsOut:N0} out + {run.RowsQuarantined:N0} quarantined in that run)");
                continue;
            }
            allCommitted = false;
            Console.Error.WriteLine($"lake: raw/{item.Key} is landed but not committed (none of its rows are visible); 'lake process {dataset}' finishes it.");
        }
        return allCommitted;
    }

    private static int ExitInterrupted => StopSignal.ExitCode;

    private static void PrintRuns(IEnumerable<SocarDataLake.Core.Triggers.RunSummary> runs)
    {
        foreach (var run in runs.Where(r => r.State != "FAILED"))
            Console.WriteLine($"run {run.RunId}: {run.RowsIn:N0} rows in = {run.RowsOut:N0} out + {run.RowsQuarantined:N0} quarantined; {run.ObjectsQuarantined.Count} whole objects quarantined; {run.BlankLines:N0} blank lines skipped{(run.LinesInValues > 0 ? $"; {run.LinesInValues:N0} more lines inside quoted values" : "")}; {run.DurationSeconds:F2} s");
    }

    // What a Ctrl-C or SIGTERM left, object by object, from the committed run records: the only truth about what is visible.
    private static string Interrupted(LakeRoot root, string dataset, List<IngestedObject> landed, int files)
    {
        var runs = new CatalogStore(root).CommittedRuns(dataset);
        var lines = new List<string> { $"lake: stopped by {StopSignal.Name}." };
        foreach (var item in landed)
        {
            var run = runs.FirstOrDefault(r => r.RawObjects.Contains(item.Key) || r.ObjectsQuarantined.Contains(item.Key));
            lines.Add(run is not null
                ? $"  raw/{item.Key}: committed by run {run.RunId} ({run.RowsOut:N0} rows out, {run.RowsQuarantined:N0} quarantined); nothing more to do."
                : $"  raw/{item.Key}: landed but not committed (none of its rows are visible); 'lake process {dataset}' or the same ingest again finishes it.");
        }
        if (landed.Count < files)
            lines.Add($"  {files - landed.Count} of {files} files were not landed (nothing of them is in the lake); run the same ingest again.");
        return string.Join(Environment.NewLine, lines);
    }

    public static int Status(string rootPath)
    {
        var root = LakeRoot.Open(rootPath);
        var datasets = DatasetOverview.Of(root, null);
        var rows = datasets.Select(d => new[]
        {
            d.Contract.Name, d.RawObjects.ToString(CultureInfo.InvariantCulture), d.Pending.Count.ToString(CultureInfo.InvariantCulture),
            d.Runs.Count.ToString(CultureInfo.InvariantCulture), d.RowsOut.ToString("N0", CultureInfo.InvariantCulture),
            d.RowsQuarantined.ToString("N0", CultureInfo.InvariantCulture), d.SchemaVersions.Count > 0 ? $"v{d.SchemaVersions[^1].Version}" : "-",
            d.LastRun is { } last ? $"{last.State} {last.FinishedAt:yyyy-MM-dd HH:mm:ss}" : "-",
        });
        Output.Table(["dataset", "raw objects", "pending", "runs", "rows out", "rows quarantined", "schema", "last run"], rows, $"lake at {root.Path}");
        foreach (var d in datasets)
        {
            var name = d.Contract.Name;
            if (d.Pending.Count > 0)
                Console.WriteLine($"{name}: {d.Pending.Count} raw object{(d.Pending.Count == 1 ? " is" : "s are")} pending (first: raw/{d.Pending[0]}); 'lake process {name}' processes them.");
            foreach (var file in d.IgnoredRunFiles)
                Console.WriteLine($"{name}: ignored {file}: not a run record of this dataset (run records are written by the ETL only).");
        }
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
        Output.Table(RunColumns, DatasetOverview.RunsOf(LakeRoot.Open(rootPath), dataset).Select(r => RunRow(r, blankLinesCounted: true)), "runs");
        return 0;
    }

    /// <summary>The columns of `lake runs`, locally and with --aws.</summary>
    internal static readonly string[] RunColumns = ["dataset", "run", "state", "rows in", "rows out", "quarantined", "blank lines", "objects", "MiB in", "seconds", "schema"];

    /// <summary>A run summary as a row of <see cref="RunColumns"/>; the Glue job's summaries do not count blank lines (a local-lake field).</summary>
    internal static string[] RunRow(SocarDataLake.Core.Triggers.RunSummary r, bool blankLinesCounted) =>
    [
        r.Dataset, r.RunId, r.State, r.RowsIn.ToString("N0", CultureInfo.InvariantCulture), r.RowsOut.ToString("N0", CultureInfo.InvariantCulture),
        r.RowsQuarantined.ToString("N0", CultureInfo.InvariantCulture), blankLinesCounted ? r.BlankLines.ToString("N0", CultureInfo.InvariantCulture) : "-", $"{r.RawObjects.Count} ok, {r.ObjectsQuarantined.Count} quarantined",
        (r.BytesIn / 1048576.0).ToString("F1", CultureInfo.InvariantCulture), r.DurationSeconds.ToString("F2", CultureInfo.InvariantCulture), r.SchemaVersion is { } v ? $"v{v}" : "-",
    ];

    public static int Quarantine(string rootPath, string? dataset)
    {
        var root = LakeRoot.Open(rootPath);
        var groups = QuarantineSummary.Of(root, dataset);
        if (groups.Count == 0)
        {
            Console.WriteLine("Nothing is quarantined.");
            return 0;
        }
        PrintQuarantine(groups, $"quarantine (files under {root.ZonePath(Zone.Quarantine)})");
        return 0;
    }

    /// <summary>`lake quarantine`'s table, locally and with --aws: a row per kind of reason with its count and first example.</summary>
    internal static void PrintQuarantine(IReadOnlyList<QuarantineGroup> groups, string title) =>
        Output.Table(["reason", "count", "first example"], groups.Select(g =>
        {
            var first = g.Examples[0];
            var where = first.DataRow is { } row ? first.Line is { } line ? $" (line {line}, data row {row})" : $" (data row {row})" : "";
            var rawObject = first.RawObject.Length > 0 ? first.RawObject : "(no raw object recorded)";
            return new[] { $"{g.Dataset}: {g.Reason}", g.Count.ToString("N0", CultureInfo.InvariantCulture), $"{rawObject}{where}: {first.Detail}" };
        }), title);

    public static int Query(string rootPath, string sql, string format, int limit, string? timeout)
    {
        if (limit < 0) throw new LakeException($"--limit {limit}: give 0 or more rows.");
        var timeLimit = timeout is null ? QueryService.DefaultTimeout : StreamOptions.Duration(timeout, "--timeout");
        var root = LakeRoot.Open(rootPath);
        Output.Write(new QueryService(root, new CatalogStore(root)).Run(sql, limit, timeLimit), format);
        return 0;
    }

    // Progress redraws one terminal line; in logs (stderr redirected) it would only add noise.
    internal static void Progress(string message)
    {
        if (!Console.IsErrorRedirected) Console.Error.Write($"\r\u001b[2K{message}\r");
    }
}
