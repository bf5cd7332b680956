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
/// <param name="readerTyping">Let DuckDB's CSV reader type the plain number and time columns of a CSV's plain lines
/// (<see cref="ReaderTyping"/>), the plan typing only the other lines from their text (<see cref="TextLineSplit"/>); off,
/// every value is typed from its text. Both give the same rows and reasons.</param>
public sealed class EtlEngine(LakeRoot root, CatalogStore catalog, ITypingPlanRenderer renderer, TimeProvider clock, Action<string>? progress = null, string memoryLimit = EtlEngine.DefaultMemoryLimit, bool readerTyping = true)
{
    /// <summary>
    /// DuckDB's own limit for a run. The process uses more than DuckDB counts (its reader's and writers' buffers, .NET):
    /// with 1 GB a 5M-row file with one row in ten bad peaked at 1.2 GiB; with 512 MB, at 0.8 GiB, in the same CPU time.
    /// </summary>
    public const string DefaultMemoryLimit = "512MB";

    /// <summary>How many objects the fast path typed (<see cref="ReaderTyping"/>), so tests can tell which path ran.</summary>
    internal int ObjectsTypedInReader { get; private set; }

    /// <summary>How many of those objects were split: the reader typed their plain lines, the plan the others (<see cref="TextLineSplit"/>).</summary>
    internal int ObjectsSplit { get; private set; }

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

        long bad = 0, blank = 0;
        CsvAudit? audit = null;
        string reader;
        List<string> sources;
        IReadOnlySet<string> present;
        string? lineColumn;
        var typing = new TextTyping(duck, plan, contract, renderer);
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
            // A cleaned copy differs from what the scan read (lines taken out, line ends rewritten): it is scanned again.
            var plain = scan is null ? null : audit.Cleaned ? ScanPlainColumns(plan, contract, sniff, input) : scan.GetAwaiter().GetResult();
            if (plain is not null && TypeFast(duck, typing, plan, contract, sniff, key, input, plain, audit, staging, runId, index, cancellationToken) is { } fast)
            {
                totals.Good += fast.Good;
                totals.Bad += bad + fast.Bad;
                totals.Blank += blank;
                totals.LinesInValues += audit.Map.LinesInValues;
                RemoveStagedInputs(staging, index);
                return null;
            }
            sources = sniff.Header.ToList();
            present = sources.ToHashSet(StringComparer.OrdinalIgnoreCase);
            reader = CsvReading.ReadCsv(input, contract.Format.Delimiter, sniff.Header.Select(h => (h, "VARCHAR")), keepRejects: true);
            lineColumn = null;
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
            lineColumn = JsonLinesReader.LineColumn;
        }

        duck.Execute("DROP TABLE IF EXISTS __rejects; DROP TABLE IF EXISTS __reject_scans");
        var stage = typing.Stage(reader, sources, present, lineColumn, Path.Combine(staging, $"typed-{index}.parquet"));
        if (audit is not null && CsvLines.Place(duck, audit.Map, stage.Rows) is { } disagreement)
            return $"{Path.GetFileName(path)}: {disagreement}; the object is quarantined whole so that no line is lost or named wrongly";

        var (target, options) = Output(plan, staging, runId, index);
        var good = typing.WriteGood(stage, target, options);

        // Bad rows with their position among the readable rows (and, for JSON lines, their line) and their raw
        // values; then (CSV) the lines the reader itself rejected, one record per line.
        bad += typing.WriteBad(key, stage, Path.Combine(quarantine, $"bad-rows-{index}.jsonl"), csv ? BadRowPlace.AuditByRow : BadRowPlace.InRow);
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
        RemoveStagedInputs(staging, index);
        totals.Good += good;
        totals.Bad += bad;
        totals.Blank += blank;
        totals.LinesInValues += audit?.Map.LinesInValues ?? 0;
        return null;
    }

    private static void RemoveStagedInputs(string staging, int index)
    {
        foreach (var staged in new[] { $"typed-{index}.parquet", $"inflated-{index}", $"cleaned-{index}.csv", $"lines-{index}.jsonl", $"records-{index}.bin", $"reader-{index}.csv", $"text-lines-{index}.csv" })
            File.Delete(Path.Combine(staging, staged));
    }

    // Where an object's good rows are written, and the COPY options that write them (partitioned when the plan is).
    // A split object (TextLineSplit) writes twice into its directory; the text lines' files are named apart
    // (OVERWRITE_OR_IGNORE keeps the files already there).
    private static (string Target, string Options) Output(TypingPlan plan, string staging, string runId, int index, string part = "")
    {
        var partitionBy = plan.Partitions.Count > 0 ? $", PARTITION_BY ({string.Join(", ", plan.Partitions.Select(p => Sql.Ident(p.Name)))}), OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'part-{runId}-{index}-{part}{{i}}'" : "";
        var outDir = Path.Combine(staging, "processed", $"object-{index}");
        Directory.CreateDirectory(plan.Partitions.Count == 0 ? outDir : Path.GetDirectoryName(outDir)!);
        return (plan.Partitions.Count > 0 ? outDir : Path.Combine(outDir, $"part-{runId}-{index}-{part}0.parquet"), $"FORMAT PARQUET, COMPRESSION 'snappy'{partitionBy}");
    }

    // The header indexes of the columns the reader may type, and the lines it must not read (PlainColumnScan): a
    // required column's empty text is one the plan quarantines, so its line goes to the text path too.
    private static ColumnScan ScanPlainColumns(TypingPlan plan, DatasetContract contract, SniffResult sniff, string input, int? parts = null)
    {
        var header = sniff.Header.ToList();
        int IndexOf(PlannedColumn c) => header.FindIndex(h => string.Equals(h, c.Source, StringComparison.OrdinalIgnoreCase));
        var columns = plan.Columns
            .Select(c => (Index: IndexOf(c), Kind: ReaderTyping.Kind(c), Limit: ReaderTyping.Limit(c.Type)))
            .Where(c => c.Index >= 0 && c.Kind is not null).Select(c => (c.Index, Kind: c.Kind!.Value, c.Limit)).DistinctBy(c => c.Index).ToList();
        var required = plan.Columns.Where(c => c.Required).Select(IndexOf).Where(i => i >= 0).ToHashSet();
        return PlainColumnScan.Plain(input, (byte)contract.Format.Delimiter[0], columns, required, parts);
    }

    // The fast path: the rows written and quarantined, or null when the object goes wholly to the text path. An object
    // with no lines for the text path is typed by the reader alone (TypeInReader); one with some is split, when each of
    // its records is one line (a value spanning lines would put the text copy's line numbers off), and the reader types
    // the rest.
    private (long Good, long Bad)? TypeFast(DuckSession duck, TextTyping typing, TypingPlan plan, DatasetContract contract, SniffResult sniff, string key, string input, ColumnScan scan, CsvAudit audit, string staging, string runId, int index, CancellationToken cancellationToken)
    {
        if (scan.Stopped) return null;
        if (scan.TextLines.Count == 0)
            return TypeInReader(duck, plan, contract, sniff, input, scan.Columns, audit, staging, runId, index, textRows: 0, cancellationToken) is { } all ? (all, 0) : null;
        if (audit.Map.LinesInValues > 0) return null;

        var delimiter = (byte)contract.Format.Delimiter[0];
        var readerCopy = Path.Combine(staging, $"reader-{index}.csv");
        var textCopy = Path.Combine(staging, $"text-lines-{index}.csv");
        TextLineSplit.Write(input, scan.TextLines, audit.Map.NotRows(), delimiter, readerCopy, textCopy);
        TextTyping.Staged stage;
        try
        {
            // A text line DuckDB refuses (a stray quote, too few fields) fails the statement: the whole object then goes
            // to the text path, which quarantines that line with DuckDB's own reason.
            var reader = CsvReading.ReadCsv(textCopy, contract.Format.Delimiter,
                [(TextLineSplit.LineColumn, "BIGINT"), (TextLineSplit.DataRowColumn, "BIGINT"), .. sniff.Header.Select(h => (h, "VARCHAR"))]);
            stage = typing.Stage(reader, sniff.Header, sniff.Header.ToHashSet(StringComparer.OrdinalIgnoreCase), TextLineSplit.LineColumn, Path.Combine(staging, $"typed-{index}.parquet"), TextLineSplit.DataRowColumn);
        }
        catch (DuckDBException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
        if (TypeInReader(duck, plan, contract, sniff, readerCopy, scan.Columns, audit, staging, runId, index, stage.Rows, cancellationToken) is not { } rows) return null;
        var (target, options) = Output(plan, staging, runId, index, part: "t");
        var good = typing.WriteGood(stage, target, options);
        var bad = typing.WriteBad(key, stage, Path.Combine(staging, "quarantine", $"bad-rows-{index}.jsonl"), BadRowPlace.InRowWithDataRow);
        ObjectsSplit++;
        return (rows + good, bad);
    }

    // The reader types the plain columns (ReaderTyping): the rows written, or null when one would get a reason (or the
    // reader refuses a value, or the rows with the text path's disagree with the line audit); its partial output is
    // then removed and the object is typed from its text as before.
    private long? TypeInReader(DuckSession duck, TypingPlan plan, DatasetContract contract, SniffResult sniff, string input, IReadOnlySet<int> plain, CsvAudit audit, string staging, string runId, int index, long textRows, CancellationToken cancellationToken)
    {
        var (target, options) = Output(plan, staging, runId, index);
        if (ReaderTyping.CopyStatement(plan, renderer, sniff.Header, input, contract.Format.Delimiter, plain, target, options) is not { } copy) return null;
        try
        {
            duck.Execute("SET preserve_insertion_order = false");
            long rows = duck.Execute(copy.Statement);
            if (CsvLines.Place(duck, audit.Map, rows + textRows, rejectsTable: false) is null)
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
