using System.Globalization;
using DuckDB.NET.Data;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Triggers;
using SocarDataLake.Core.Typing;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

/// <summary>
/// The ETL job of the local lake: every raw object not yet bookmarked is typed by the dataset's plan in
/// DuckDB. Good rows go to partitioned Parquet, bad rows to the quarantine zone with their reason and raw
/// values, unreadable objects to quarantine whole. Output is staged, moved into place, and becomes visible
/// only when the run summary (the commit record, which also advances the bookmark) is written; a killed
/// run leaves files no summary lists, which queries never read and the next run deletes before redoing
/// the work.
/// </summary>
/// <param name="readerTyping">Let DuckDB's CSV reader type plain number columns of objects whose rows are all good
/// (<see cref="ReaderTyping"/>); off, every value is typed from its text. Both give the same rows and reasons.</param>
public sealed class EtlEngine(LakeRoot root, CatalogStore catalog, ITypingPlanRenderer renderer, TimeProvider clock, Action<string>? progress = null, string memoryLimit = EtlEngine.DefaultMemoryLimit, bool readerTyping = true)
{
    /// <summary>
    /// DuckDB's own limit for a run. The process uses more than DuckDB counts (its reader's and writers' buffers, .NET):
    /// with 1 GB a 5M-row file with one row in ten bad peaked at 1.2 GiB; with 512 MB, at 0.8 GiB, in the same CPU time.
    /// </summary>
    public const string DefaultMemoryLimit = "512MB";

    /// <summary>How many objects the fast path typed (<see cref="ReaderTyping"/>), so tests can tell which path ran.</summary>
    internal int ObjectsTypedInReader { get; private set; }

    /// <summary>The columns the fast path's reader typed in the last object it typed.</summary>
    internal IReadOnlyList<string> ColumnsTypedInReader { get; private set; } = [];

    public RunSummary Run(string dataset, string runId, IReadOnlyList<string> drift, CancellationToken cancellationToken)
    {
        var contract = root.Contract(dataset);
        var plan = ContractCompiler.Compile(contract);
        var started = clock.GetUtcNow();
        var timer = clock.GetTimestamp();
        RemoveUncommittedOutput(dataset);

        var pending = catalog.Pending(dataset);

        var staging = Path.Combine(root.Staging, $"{dataset}-{runId}");
        Directory.CreateDirectory(staging);
        var totals = new Totals();
        var processed = new List<string>();
        var quarantinedObjects = new List<string>();
        using (var duck = DuckSession.Open(root, memoryLimit))
        // Ctrl-C stops a long DuckDB statement too, not only the next object: the run then commits nothing.
        using (cancellationToken.Register(duck.Interrupt))
        {
            for (var i = 0; i < pending.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = pending[i];
                var path = root.FileOf(new ObjectRef(Zone.Raw, key));
                totals.Bytes += new FileInfo(path).Length;
                progress?.Invoke($"{dataset}: typing {key} ({i + 1}/{pending.Count})");
                var sniff = RawSniffer.Sniff(path, contract);
                string? problem = sniff.Problem;
                if (problem is null)
                {
                    try
                    {
                        problem = ProcessObject(duck, plan, contract, key, path, sniff, staging, runId, i, totals, cancellationToken);
                    }
                    catch (DuckDBException e)
                    {
                        cancellationToken.ThrowIfCancellationRequested(); // interrupted, not unreadable
                        problem = $"{Path.GetFileName(path)}: DuckDB could not read it: {e.Message.Split('\n')[0]}";
                    }
                    if (problem is not null) DiscardObjectOutput(staging, i);
                }
                if (problem is null)
                {
                    processed.Add(key);
                }
                else
                {
                    QuarantineObject(staging, key, path, problem);
                    quarantinedObjects.Add(key);
                }
            }
        }

        // The last point a Ctrl-C stops the run; from here the commit finishes, and the command says it committed.
        cancellationToken.ThrowIfCancellationRequested();
        var outputFiles = Publish(staging, dataset, runId);
        var summary = new RunSummary
        {
            Dataset = dataset,
            RunId = runId,
            State = "SUCCEEDED",
            RowsIn = totals.Good + totals.Bad,
            RowsOut = totals.Good,
            RowsQuarantined = totals.Bad,
            BlankLines = totals.Blank,
            LinesInValues = totals.LinesInValues,
            RawObjects = processed,
            ObjectsQuarantined = quarantinedObjects,
            BytesIn = totals.Bytes,
            SchemaVersion = catalog.SchemaVersions(dataset) is { Count: > 0 } versions ? versions[^1].Version : null,
            StartedAt = started,
            FinishedAt = clock.GetUtcNow(),
            DurationSeconds = Math.Round(clock.GetElapsedTime(timer).TotalSeconds, 3),
            OutputFiles = outputFiles,
            Drift = drift,
        };
        catalog.Commit(summary);
        Directory.Delete(staging, recursive: true);
        return summary;
    }

    private sealed class Totals
    {
        public long Good;
        public long Bad;
        public long Bytes;
        public long Blank;
        public long LinesInValues;
    }

    // One read of the raw object: every row is typed once into a staged Parquet file (in input order, with
    // its raw values kept only where it failed), then good rows go to the partitioned output and bad rows to
    // quarantine from that file. Parsing the text is the expensive part; it is never done twice. Returns why the
    // object is quarantined whole, or null; the totals count its rows only when it was read.
    private string? ProcessObject(DuckSession duck, TypingPlan plan, DatasetContract contract, string key, string path, SniffResult sniff, string staging, string runId, int index, Totals totals, CancellationToken cancellationToken)
    {
        var csv = contract.Format.Type == "csv";
        var quarantine = Path.Combine(staging, "quarantine");
        Directory.CreateDirectory(quarantine);
        var input = path;
        if (sniff.Gzip)
        {
            input = Path.Combine(staging, $"inflated-{index}");
            if (GzipInput.Inflate(path, input) is { } corrupt) return $"{Path.GetFileName(path)}: {corrupt}";
        }

        long good = 0, bad = 0, blank = 0;
        CsvAudit? audit = null;
        string reader;
        List<string> sources;
        IReadOnlySet<string> present;
        string line;
        if (csv)
        {
            // Lines DuckDB's reader would lose (a stray quote, an overlong line) are quarantined first, one row each.
            var cleaned = Path.Combine(staging, $"cleaned-{index}.csv");
            // The fast path's scan reads the file in parts on the other cores while the audit reads it on this one: on two
            // cores, a second part only took time from the audit.
            var original = input;
            var scan = readerTyping ? Task.Run(() => ScanPlainColumns(plan, contract, sniff, original, parts: Math.Max(1, Environment.ProcessorCount - 1)), cancellationToken) : null;
            audit = CsvLineAudit.Run(input, (byte)contract.Format.Delimiter[0], sniff.Header.Count, key, cleaned, Path.Combine(quarantine, $"unreadable-lines-{index}.jsonl"), Path.Combine(staging, $"records-{index}.bin"));
            bad += audit.Lines.Count;
            blank = audit.BlankLines;
            if (audit.Cleaned) input = cleaned;
            sources = sniff.Header.ToList();
            present = sources.ToHashSet(StringComparer.OrdinalIgnoreCase);
            reader = $"read_csv({Sql.Literal(input)}, header = true, all_varchar = true, delim = {Sql.Literal(contract.Format.Delimiter)}, quote = '\"', escape = '\"', compression = 'none', auto_detect = false, columns = {{{string.Join(", ", sniff.Header.Select((h, i) => $"{Sql.Literal(h)}: 'VARCHAR'"))}}}, strict_mode = true, ignore_errors = true, store_rejects = true, rejects_table = '__rejects', rejects_scan = '__reject_scans')";
            line = "CAST(NULL AS BIGINT)";
            // A cleaned copy differs from what the scan read (lines taken out, line ends rewritten): it is scanned again.
            var plain = scan is null ? null : audit.Cleaned ? ScanPlainColumns(plan, contract, sniff, input) : scan.GetAwaiter().GetResult();
            if (plain is not null && TypeInReader(duck, plan, contract, sniff, input, plain, audit, staging, runId, index, cancellationToken) is { } rows)
            {
                totals.Good += rows;
                totals.Bad += bad;
                totals.Blank += blank;
                totals.LinesInValues += audit.Map.LinesInValues;
                RemoveStagedInputs(staging, index, stage: null);
                return null;
            }
        }
        else
        {
            // Every value as its text, as the Glue job reads it, and one bad line one bad row (JsonLinesReader).
            var lines = Path.Combine(staging, $"lines-{index}.jsonl");
            JsonLinesResult read;
            using (var raw = File.OpenRead(input))
                read = JsonLinesReader.Convert(raw, contract, key, lines, Path.Combine(quarantine, $"rejected-lines-{index}.jsonl"));
            bad += read.BadLines;
            blank = read.BlankLines;
            if (read.GoodLines == 0)
            {
                File.Delete(lines);
                totals.Bad += bad;
                totals.Blank += blank;
                return null;
            }
            var all = contract.Columns.Select(c => c.Source).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            sources = all.Where(read.PresentSources.Contains).ToList();
            present = read.PresentSources;
            reader = $"read_json({Sql.Literal(lines)}, format = 'newline_delimited', columns = {{{Sql.Literal(JsonLinesReader.LineColumn)}: 'BIGINT'{string.Concat(all.Select(c => $", {Sql.Literal(c)}: 'VARCHAR'"))}}})";
            line = Sql.Ident(JsonLinesReader.LineColumn);
        }
        // Only the columns the contract names travel on (a 5,000-column file ran out of memory carrying all of
        // them); raw values travel under aliases, since a source column may share its name with a target column.
        var contractSources = contract.Columns.Select(c => c.Source).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rawAliases = sources.Where(contractSources.Contains).Select((s, i) => (Source: s, Alias: $"__raw_{i}")).ToList();
        var relation = $"(SELECT {string.Join(", ", rawAliases.Select(a => $"{Sql.Ident(a.Source)}, {Sql.Ident(a.Source)} AS {a.Alias}").Append(csv ? "NULL AS __none" : Sql.Ident(JsonLinesReader.LineColumn)))} FROM {reader})";
        var typed = renderer.RenderSelect(plan, relation, present, [.. rawAliases.Select(a => a.Alias), .. csv ? Array.Empty<string>() : [JsonLinesReader.LineColumn]]);

        var reason = Sql.Ident(TypingPlan.ReasonColumn);
        var outputs = plan.Columns.Select(c => Sql.Ident(c.Name)).Concat(plan.Partitions.Select(p => Sql.Ident(p.Name))).ToList();
        var values = rawAliases.Count == 0 ? "NULL" : $"json_object({string.Join(", ", rawAliases.Select(a => $"{Sql.Literal(a.Source)}, {a.Alias}"))})";
        var stage = Path.Combine(staging, $"typed-{index}.parquet");
        duck.Execute("DROP TABLE IF EXISTS __rejects; DROP TABLE IF EXISTS __reject_scans; SET preserve_insertion_order = true");
        var rowsRead = duck.Execute(
            $"COPY (SELECT {string.Join(", ", outputs)}, {reason}, CASE WHEN {reason} IS NOT NULL THEN CAST({values} AS VARCHAR) END AS __values, {line} AS __line FROM ({typed})) " +
            $"TO {Sql.Literal(stage)} (FORMAT PARQUET, COMPRESSION 'uncompressed')");
        if (audit is not null && CsvLines.Place(duck, audit.Map, rowsRead) is { } disagreement)
            return $"{Path.GetFileName(path)}: {disagreement}; the object is quarantined whole so that no line is lost or named wrongly";

        // The partitioned write may reorder rows; that lets DuckDB write partitions in parallel.
        duck.Execute("SET preserve_insertion_order = false");
        var (target, options) = Output(plan, staging, runId, index);
        good += duck.Execute(
            $"COPY (SELECT {string.Join(", ", outputs)} FROM read_parquet({Sql.Literal(stage)}) WHERE {reason} IS NULL) " +
            $"TO {Sql.Literal(target)} ({options})");

        // Bad rows with their position among the readable rows (and, for JSON lines, their line) and their raw
        // values; then (CSV) the lines the reader itself rejected, one record per line.
        var badFile = Path.Combine(quarantine, $"bad-rows-{index}.jsonl");
        // A CSV row's line comes from the audit's runs of rows (CsvLines), a JSON line's with the row itself.
        var badRows = $"SELECT file_row_number + 1 AS data_row, * FROM read_parquet({Sql.Literal(stage)}, file_row_number = true) WHERE {reason} IS NOT NULL";
        var (rowsFrom, lineOf) = csv
            ? ($"({badRows}) b ASOF LEFT JOIN {CsvLines.RowLines} r ON b.data_row >= r.data_row", "r.line + (b.data_row - r.data_row)")
            : ($"({badRows}) b", "b.__line");
        bad += duck.Execute(
            $"COPY (SELECT {Sql.Literal(key)} AS raw_object, b.data_row, {lineOf} AS line, b.{reason} AS reason, CAST(b.__values AS JSON) AS \"values\" " +
            $"FROM {rowsFrom} ORDER BY b.data_row) TO {Sql.Literal(badFile)} (FORMAT JSON)");
        if (csv)
        {
            var rejectFile = Path.Combine(quarantine, $"rejected-lines-{index}.jsonl");
            bad += duck.Execute(
                $"COPY (SELECT {Sql.Literal(key)} AS raw_object, CAST(NULL AS BIGINT) AS data_row, r.line, " +
                $"'line ' || r.line || ': ' || min(error_type || ': ' || error_message) AS reason, " +
                // DuckDB's text of a record starts at the blank lines before it; the record starts after them.
                $"ltrim(any_value(csv_line), chr(13) || chr(10)) AS raw_line " +
                // DuckDB logs one reject per offending field; the line is what is quarantined, once.
                $"FROM __rejects j JOIN {CsvLines.RejectedLines} r ON j.line = r.record GROUP BY r.line ORDER BY r.line) TO {Sql.Literal(rejectFile)} (FORMAT JSON)");
            var spans = duck.Rows($"SELECT line, lines FROM {CsvLines.RejectedLines} WHERE lines > 1").ToDictionary(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture), r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture));
            RejectedLineText.Restore(input, rejectFile, spans);
        }
        RemoveStagedInputs(staging, index, stage);
        totals.Good += good;
        totals.Bad += bad;
        totals.Blank += blank;
        totals.LinesInValues += audit?.Map.LinesInValues ?? 0;
        return null;
    }

    private static void RemoveStagedInputs(string staging, int index, string? stage)
    {
        foreach (var staged in new[] { stage, Path.Combine(staging, $"inflated-{index}"), Path.Combine(staging, $"cleaned-{index}.csv"), Path.Combine(staging, $"lines-{index}.jsonl"), Path.Combine(staging, $"records-{index}.bin") })
            if (staged is not null) File.Delete(staged);
    }

    // Where an object's good rows are written, and the COPY options that write them (partitioned when the plan is).
    private static (string Target, string Options) Output(TypingPlan plan, string staging, string runId, int index)
    {
        var partitionBy = plan.Partitions.Count > 0 ? $", PARTITION_BY ({string.Join(", ", plan.Partitions.Select(p => Sql.Ident(p.Name)))}), OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'part-{runId}-{index}-{{i}}'" : "";
        var outDir = Path.Combine(staging, "processed", $"object-{index}");
        Directory.CreateDirectory(plan.Partitions.Count == 0 ? outDir : Path.GetDirectoryName(outDir)!);
        return (plan.Partitions.Count > 0 ? outDir : Path.Combine(outDir, $"part-{runId}-{index}-0.parquet"), $"FORMAT PARQUET, COMPRESSION 'snappy'{partitionBy}");
    }

    // The header indexes of the columns the reader may type (PlainColumnScan), and whether the object can still be all
    // good: an int, decimal or timestamp text that is not plain is one the plan quarantines (or a quote stopped the
    // scan, which may be no fault), and the fast path would only stop at it. A double may be good without being plain
    // ('1e300'); the plan types that column then.
    private static PlainScan ScanPlainColumns(TypingPlan plan, DatasetContract contract, SniffResult sniff, string input, int? parts = null)
    {
        var columns = plan.Columns
            .Select(c => (Index: sniff.Header.ToList().FindIndex(h => string.Equals(h, c.Source, StringComparison.OrdinalIgnoreCase)), Kind: ReaderTyping.Kind(c), c.Type.Scale))
            .Where(c => c.Index >= 0 && c.Kind is not null).Select(c => (c.Index, Kind: c.Kind!.Value, c.Scale)).DistinctBy(c => c.Index).ToList();
        if (columns.Count == 0) return new PlainScan(new HashSet<int>(), AllGoodPossible: false);
        var plain = PlainColumnScan.Plain(input, (byte)contract.Format.Delimiter[0], columns, parts);
        return new PlainScan(plain, columns.All(c => c.Kind == PlainKind.Double || plain.Contains(c.Index)));
    }

    private sealed record PlainScan(IReadOnlySet<int> Columns, bool AllGoodPossible);

    // The fast path (ReaderTyping): the rows written, or null when the object has a row the plan quarantines (or the
    // reader refuses a value, or its rows disagree with the line audit); its partial output is then removed and the
    // object is typed from its text as before.
    private long? TypeInReader(DuckSession duck, TypingPlan plan, DatasetContract contract, SniffResult sniff, string input, PlainScan scan, CsvAudit audit, string staging, string runId, int index, CancellationToken cancellationToken)
    {
        if (!scan.AllGoodPossible) return null;
        var plain = scan.Columns;
        var (target, options) = Output(plan, staging, runId, index);
        if (ReaderTyping.CopyStatement(plan, renderer, sniff.Header, input, contract.Format.Delimiter, plain, target, options) is not { } copy) return null;
        try
        {
            duck.Execute("SET preserve_insertion_order = false");
            long rows = duck.Execute(copy.Statement);
            if (CsvLines.Place(duck, audit.Map, rows, rejectsTable: false) is null)
            {
                ObjectsTypedInReader++;
                ColumnsTypedInReader = copy.ReaderTyped;
                return rows;
            }
        }
        catch (DuckDBException)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
        // Only the rows written; the line audit's quarantined lines stay.
        var written = Path.Combine(staging, "processed", $"object-{index}");
        if (Directory.Exists(written)) Directory.Delete(written, recursive: true);
        return null;
    }

    // An object quarantined whole after its reading began leaves no rows of its own behind.
    private static void DiscardObjectOutput(string staging, int index)
    {
        var outDir = Path.Combine(staging, "processed", $"object-{index}");
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        var quarantine = Path.Combine(staging, "quarantine");
        if (Directory.Exists(quarantine))
            foreach (var file in Directory.EnumerateFiles(quarantine, $"*-{index}.jsonl")) File.Delete(file);
    }

    private static void QuarantineObject(string staging, string key, string path, string reason)
    {
        var dir = Path.Combine(staging, "quarantine", "objects");
        Directory.CreateDirectory(dir);
        File.Copy(path, Path.Combine(dir, key.Replace('/', '~')), overwrite: true);
        File.AppendAllText(Path.Combine(staging, "quarantine", "objects.jsonl"),
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["raw_object"] = key, ["reason"] = reason }) + "\n");
    }

    // Staged files move into the zones before the commit record is written; until then no query lists them.
    private List<string> Publish(string staging, string dataset, string runId)
    {
        var outputs = new List<string>();
        var processedStage = Path.Combine(staging, "processed");
        if (Directory.Exists(processedStage))
        {
            foreach (var file in Directory.EnumerateFiles(processedStage, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(processedStage, file).Replace('\\', '/');
                relative = relative[(relative.IndexOf('/', StringComparison.Ordinal) + 1)..]; // drop object-<n>/
                var key = $"{dataset}/{relative}";
                var target = root.FileOf(new ObjectRef(Zone.Processed, key));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file, target, overwrite: true);
                outputs.Add(key);
            }
        }
        var quarantineStage = Path.Combine(staging, "quarantine");
        if (Directory.Exists(quarantineStage))
        {
            foreach (var file in Directory.EnumerateFiles(quarantineStage, "*", SearchOption.AllDirectories))
            {
                if (new FileInfo(file).Length == 0) continue;
                var relative = Path.GetRelativePath(quarantineStage, file).Replace('\\', '/');
                var target = root.FileOf(new ObjectRef(Zone.Quarantine, $"{dataset}/run={runId}/{relative}"));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file, target, overwrite: true);
            }
        }
        return outputs;
    }

    /// <summary>Deletes what a killed run left: staged files and processed files no committed run lists.</summary>
    private void RemoveUncommittedOutput(string dataset)
    {
        if (Directory.Exists(root.Staging))
            foreach (var dir in Directory.EnumerateDirectories(root.Staging, dataset + "-*")) Directory.Delete(dir, recursive: true);
        var committed = catalog.CommittedRuns(dataset);
        var listed = committed.SelectMany(r => r.OutputFiles).ToHashSet(StringComparer.Ordinal);
        var datasetDir = Path.Combine(root.ZonePath(Zone.Processed), dataset);
        if (Directory.Exists(datasetDir))
        {
            foreach (var file in Directory.EnumerateFiles(datasetDir, "*.parquet", SearchOption.AllDirectories))
            {
                var key = Path.GetRelativePath(root.ZonePath(Zone.Processed), file).Replace('\\', '/');
                if (!listed.Contains(key)) File.Delete(file);
            }
        }
        var runs = committed.Select(r => $"run={r.RunId}").ToHashSet(StringComparer.Ordinal);
        var quarantineDir = Path.Combine(root.ZonePath(Zone.Quarantine), dataset);
        if (Directory.Exists(quarantineDir))
            foreach (var dir in Directory.EnumerateDirectories(quarantineDir, "run=*").Where(d => !runs.Contains(Path.GetFileName(d))))
                Directory.Delete(dir, recursive: true);
    }

    public static string NewRunId(TimeProvider clock) => "run-" + clock.GetUtcNow().ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
}
