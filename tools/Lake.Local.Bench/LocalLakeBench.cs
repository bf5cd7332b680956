using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SocarDataLake.TestServers;

namespace SocarDataLake.Local.Bench;

internal static class LocalLakeBench
{
    private static LakeRoot NewLake(string work, string name) =>
        LakeRoot.Init(Path.Combine(work, name + "-" + Guid.NewGuid().ToString("N")[..8]), Path.Combine(RepositoryRoot.Path, "datasets"));

    private static (double Seconds, RunResult Run) Ingest(LakeRoot lake, string file, bool readerTyping = true)
    {
        var pipeline = new LocalPipeline(lake, TextWriter.Null, TimeProvider.System, readerTyping: readerTyping);
        var clock = Stopwatch.StartNew();
        pipeline.IngestAsync([file], "tripdata", CancellationToken.None).GetAwaiter().GetResult();
        pipeline.DrainAsync(CancellationToken.None).GetAwaiter().GetResult();
        var seconds = clock.Elapsed.TotalSeconds;
        var run = pipeline.Runs.Single();
        return (seconds, new RunResult(run.RowsIn, run.RowsOut, run.RowsQuarantined, run.DurationSeconds));
    }

    internal sealed record RunResult(long RowsIn, long RowsOut, long RowsQuarantined, double EtlSeconds);

    /// <summary>The lake's ETL (typing, quarantine, partitioned Parquet) against DuckDB copying the same CSV untyped.</summary>
    public static Dictionary<string, object> Throughput(string work, int rows)
    {
        var csv = Path.Combine(work, $"tripdata-{rows}.csv");
        TripdataGenerator.WriteRows(csv, rows);
        var size = new FileInfo(csv).Length;
        Console.WriteLine($"throughput: {rows:N0} rows, {Measure.Mib(size)} of tripdata CSV");

        double Baseline()
        {
            using var duck = DuckSession.Open();
            var target = Path.Combine(work, $"baseline-{Guid.NewGuid():N}.parquet");
            var seconds = Measure.Seconds(() => duck.Execute($"COPY (SELECT * FROM read_csv_auto({Sql.Literal(csv)})) TO {Sql.Literal(target)} (FORMAT PARQUET)"));
            File.Delete(target);
            return seconds;
        }

        // Alternate the two so neither gets a warmer page cache; keep each one's best of three.
        var baseline = new List<double>();
        var etl = new List<double>();
        RunResult? last = null;
        for (var i = 0; i < 3; i++)
        {
            baseline.Add(Baseline());
            var (_, run) = Ingest(NewLake(work, "throughput"), csv);
            etl.Add(run.EtlSeconds);
            last = run;
            Console.WriteLine($"  round {i + 1}: duckdb copy {baseline[^1]:F2} s, lake etl {run.EtlSeconds:F2} s");
        }
        var ratio = baseline.Min() / etl.Min();
        Console.WriteLine($"  best: duckdb copy {baseline.Min():F2} s ({rows / baseline.Min():N0} rows/s), lake etl {etl.Min():F2} s ({rows / etl.Min():N0} rows/s): ratio {ratio:F2} (goal >= 0.8)");
        Console.WriteLine($"  rows in {last!.RowsIn:N0} = out {last.RowsOut:N0} + quarantined {last.RowsQuarantined:N0}");
        return new()
        {
            ["rows"] = rows,
            ["csv_bytes"] = size,
            ["duckdb_copy_seconds"] = Math.Round(baseline.Min(), 3),
            ["lake_etl_seconds"] = Math.Round(etl.Min(), 3),
            ["lake_rows_per_second"] = Math.Round(rows / etl.Min()),
            ["ratio"] = Math.Round(ratio, 3),
            ["rows_quarantined"] = last.RowsQuarantined,
        };
    }

    /// <summary>From `lake ingest` of a 1 MB file to a query that sees its rows: land, crawl, type, commit, query.</summary>
    public static async Task<Dictionary<string, object>> LatencyAsync(string work)
    {
        var csv = Path.Combine(work, "tripdata-1mb.csv");
        var rows = TripdataGenerator.WriteBytes(csv, 1 << 20, seed: 7);
        var samples = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var lake = NewLake(work, "latency");
            var clock = Stopwatch.StartNew();
            var pipeline = new LocalPipeline(lake, TextWriter.Null, TimeProvider.System);
            await pipeline.IngestAsync([csv], "tripdata", CancellationToken.None);
            await pipeline.DrainAsync(CancellationToken.None);
            var seen = new QueryService(lake, new CatalogStore(lake)).Run("SELECT count(*) FROM tripdata").Rows[0][0];
            samples.Add(clock.Elapsed.TotalSeconds);
            if (Convert.ToInt64(seen, CultureInfo.InvariantCulture) == 0) throw new InvalidOperationException("the ingested rows were not queryable");
        }
        // The first sample loads DuckDB's native library and JIT-compiles the pipeline; later ones are a warm `lake`.
        var warm = Measure.Median(samples.Skip(1));
        Console.WriteLine($"latency: 1 MiB ({rows:N0} rows) ingest -> queryable: first {samples[0]:F2} s, then median {warm:F2} s (goal < 1 s)");
        return new() { ["bytes"] = 1 << 20, ["rows"] = rows, ["first_seconds"] = Math.Round(samples[0], 3), ["median_seconds"] = Math.Round(warm, 3) };
    }

    /// <summary>Peak RSS of a fresh process ingesting CSVs of growing size: flat means memory does not follow the input.</summary>
    public static List<Dictionary<string, object>> Memory(string work, long[] sizes)
    {
        var results = new List<Dictionary<string, object>>();
        foreach (var size in sizes)
        {
            var csv = Path.Combine(work, $"tripdata-{size >> 20}mb.csv");
            var rows = TripdataGenerator.WriteBytes(csv, size, seed: 11);
            // Started through its apphost or through `dotnet <dll>`: the child must see "etl-child" first.
            var host = Environment.ProcessPath!;
            string[] childArgs = Path.GetFileNameWithoutExtension(host) == "dotnet"
                ? [typeof(LocalLakeBench).Assembly.Location, "etl-child", csv, work]
                : ["etl-child", csv, work];
            var child = Process.Start(new ProcessStartInfo(host, childArgs)
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("could not start the measuring process");
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0) throw new InvalidOperationException($"etl-child failed on {csv}: {output}");
            using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var peak = doc.RootElement.GetProperty("peak_rss").GetInt64();
            var seconds = doc.RootElement.GetProperty("seconds").GetDouble();
            Console.WriteLine($"memory: {Measure.Mib(size)} CSV ({rows:N0} rows): peak RSS {Measure.Mib(peak)}, {seconds:F1} s, {size / 1024.0 / 1024.0 / seconds:F0} MiB/s (goal < 1 GiB, flat)");
            results.Add(new() { ["csv_bytes"] = size, ["rows"] = rows, ["peak_rss_bytes"] = peak, ["seconds"] = Math.Round(seconds, 2) });
            File.Delete(csv);
        }
        return results;
    }

    /// <summary>Run in a fresh process so its VmHWM belongs to one ingest only.</summary>
    public static int EtlChild(string csv, string work, bool readerTyping = true)
    {
        var lake = NewLake(work, "memory");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (seconds, run) = Ingest(lake, csv, readerTyping);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        if (run.RowsIn != run.RowsOut + run.RowsQuarantined) throw new InvalidOperationException("rows in != rows out + quarantined");
        Directory.Delete(lake.Path, recursive: true);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["seconds"] = seconds, ["etl_seconds"] = run.EtlSeconds, ["cpu_seconds"] = cpuSeconds, ["peak_rss"] = Measure.PeakRssBytes(), ["rows_in"] = run.RowsIn, ["rows_quarantined"] = run.RowsQuarantined }));
        return 0;
    }

    private static JsonElement RunChild(string csv, string work, bool readerTyping)
    {
        // Started through its apphost or through `dotnet <dll>`: the child must see "etl-child" first.
        var host = Environment.ProcessPath!;
        string[] childArgs = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [typeof(LocalLakeBench).Assembly.Location, "etl-child", csv, work, readerTyping ? "reader-typing" : "text-typing"]
            : ["etl-child", csv, work, readerTyping ? "reader-typing" : "text-typing"];
        using var child = Process.Start(new ProcessStartInfo(host, childArgs) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start the measuring process");
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"etl-child failed on {csv}: {output}");
        using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return doc.RootElement.Clone();
    }

    /// <summary>
    /// The ratio to a plain DuckDB COPY on files of each size with each share of bad rows, best of <paramref name="rounds"/>
    /// (alternated), by wall time and by CPU time (on a shared machine the CPU ratio moves less), with the ETL's peak RSS;
    /// with the fast path (<c>reader</c>) and with every value typed from its text (<c>text</c>, the ETL before it).
    /// </summary>
    public static List<Dictionary<string, object>> RatioMatrix(string work, int[] sizes, double[] badShares, int rounds)
    {
        var results = new List<Dictionary<string, object>>();
        foreach (var rows in sizes)
        foreach (var share in badShares)
        {
            var csv = Path.Combine(work, $"tripdata-{rows}-{share}.csv");
            TripdataGenerator.WriteRows(csv, rows, bad: share);
            double wallCopy = double.MaxValue, cpuCopy = double.MaxValue;
            var wallLake = new Dictionary<bool, double> { [true] = double.MaxValue, [false] = double.MaxValue };
            var cpuLake = new Dictionary<bool, double>(wallLake);
            var peak = new Dictionary<bool, long> { [true] = 0, [false] = 0 };
            long quarantined = 0;
            // One round of the 5M-row files: three processes of a minute or more each already.
            for (var i = 0; i < (rows >= 5_000_000 ? 1 : rounds); i++)
            {
                using (var duck = DuckSession.Open())
                {
                    var target = Path.Combine(work, $"baseline-{Guid.NewGuid():N}.parquet");
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    wallCopy = Math.Min(wallCopy, Measure.Seconds(() => duck.Execute($"COPY (SELECT * FROM read_csv_auto({Sql.Literal(csv)})) TO {Sql.Literal(target)} (FORMAT PARQUET)")));
                    cpuCopy = Math.Min(cpuCopy, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                    File.Delete(target);
                }
                foreach (var reader in new[] { true, false })
                {
                    var run = RunChild(csv, work, reader);
                    wallLake[reader] = Math.Min(wallLake[reader], run.GetProperty("etl_seconds").GetDouble());
                    cpuLake[reader] = Math.Min(cpuLake[reader], run.GetProperty("cpu_seconds").GetDouble());
                    peak[reader] = Math.Max(peak[reader], run.GetProperty("peak_rss").GetInt64());
                    quarantined = run.GetProperty("rows_quarantined").GetInt64();
                }
            }
            Console.WriteLine($"ratio: {rows,9:N0} rows, {share,4:P0} bad ({quarantined:N0} quarantined): copy {wallCopy:F2} s / {cpuCopy:F2} cpu-s; " +
                $"lake {wallLake[true]:F2} s / {cpuLake[true]:F2} cpu-s = {wallCopy / wallLake[true]:F2} wall, {cpuCopy / cpuLake[true]:F2} cpu, peak RSS {Measure.Mib(peak[true])}; " +
                $"text-typed {wallLake[false]:F2} s / {cpuLake[false]:F2} cpu-s = {wallCopy / wallLake[false]:F2} wall, {cpuCopy / cpuLake[false]:F2} cpu, peak RSS {Measure.Mib(peak[false])}");
            results.Add(new()
            {
                ["rows"] = rows, ["bad_share"] = share, ["rows_quarantined"] = quarantined,
                ["duckdb_copy_seconds"] = Math.Round(wallCopy, 3), ["duckdb_copy_cpu_seconds"] = Math.Round(cpuCopy, 3),
                ["lake_etl_seconds"] = Math.Round(wallLake[true], 3), ["lake_cpu_seconds"] = Math.Round(cpuLake[true], 3),
                ["ratio_wall"] = Math.Round(wallCopy / wallLake[true], 3), ["ratio_cpu"] = Math.Round(cpuCopy / cpuLake[true], 3), ["lake_peak_rss_bytes"] = peak[true],
                ["text_typed_etl_seconds"] = Math.Round(wallLake[false], 3), ["text_typed_cpu_seconds"] = Math.Round(cpuLake[false], 3),
                ["text_typed_ratio_wall"] = Math.Round(wallCopy / wallLake[false], 3), ["text_typed_ratio_cpu"] = Math.Round(cpuCopy / cpuLake[false], 3), ["text_typed_peak_rss_bytes"] = peak[false],
            });
            File.Delete(csv);
        }
        return results;
    }
}
