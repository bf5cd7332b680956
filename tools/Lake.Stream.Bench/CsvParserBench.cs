using System.Diagnostics;
using System.Text;
using CsvHelper;
using SocarDataLake.Producers.Records;
using SocarDataLake.TestServers;
using Sylvan.Data.Csv;

namespace SocarDataLake.Stream.Bench;

/// <summary>
/// `lake stream-csv`'s reader (CsvRecords: the lake's header reader, then CsvHelper for the rows with line numbers
/// and field-count checks) beside the two maintained parsers alone, on the same file: the NYC taxi sample's rows
/// repeated to the given size, read from disk. Each turns every field of every row into a string, as a row needs
/// to become a JSON record.
/// </summary>
internal static class CsvParserBench
{
    private sealed record Reader(string Name, Func<string, (long Rows, long Chars)> Read);

    private static readonly Reader[] Readers =
    [
        new("CsvRecords (stream-csv)", StreamCsv),
        new("CsvHelper 34.0.0 alone", CsvHelperReader),
        new("Sylvan.Data.Csv 1.4.4 alone", SylvanReader),
    ];

    public static Dictionary<string, object> Run(string work, int megabytes)
    {
        var file = Input(work, megabytes);
        var size = new FileInfo(file).Length;
        var results = new Dictionary<string, object> { ["input"] = $"data/nyc-taxi/sample_yellow_tripdata_2019-01.csv rows repeated to {size:N0} bytes" };
        long? rows = null;
        foreach (var reader in Readers)
        {
            reader.Read(file); // JIT and page cache, so the timed runs measure steady state
            var cpuSeconds = new List<double>();
            var wallSeconds = new List<double>();
            long allocated = 0;
            for (var run = 0; run < 3; run++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var (read, _) = reader.Read(file);
                wallSeconds.Add(clock.Elapsed.TotalSeconds);
                cpuSeconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if ((rows ??= read) != read) throw new InvalidOperationException($"{reader.Name} read {read} rows, another reader {rows}");
            }
            // Per CPU second as well as per second: on a machine shared with other builds the wall clock mostly
            // measures the wait for a core.
            var (median, wall) = (cpuSeconds.Order().ElementAt(1), wallSeconds.Order().ElementAt(1));
            Console.WriteLine($"csv {reader.Name,-30} {size / 1048576.0 / median,6:F0} MiB per CPU second ({size / 1048576.0 / wall:F0} MiB/s wall)  {rows / median,11:N0} rows per CPU second  {allocated / 1048576.0,5:F0} MiB allocated per pass");
            results[reader.Name] = new Dictionary<string, object>
            {
                ["median_cpu_seconds"] = Math.Round(median, 3),
                ["median_wall_seconds"] = Math.Round(wall, 3),
                ["mib_per_cpu_second"] = Math.Round(size / 1048576.0 / median, 1),
                ["rows_per_cpu_second"] = Math.Round(rows!.Value / median),
                ["allocated_bytes_per_pass"] = allocated,
            };
        }
        results["rows"] = rows!;
        File.Delete(file);
        return results;
    }

    private static string Input(string work, int megabytes)
    {
        var sample = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "..", "shared", "data", "nyc-taxi", "sample_yellow_tripdata_2019-01.csv"));
        var file = Path.Combine(work, "csv-parsers.csv");
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
        writer.Write(sample[0] + "\n");
        long written = 0;
        while (written < megabytes * 1048576L)
            foreach (var line in sample.Skip(1))
            {
                writer.Write(line + "\n");
                written += line.Length + 1;
            }
        return file;
    }

    private static (long, long) StreamCsv(string file)
    {
        using var input = File.OpenRead(file);
        long rows = 0, chars = 0;
        foreach (var row in CsvRecords.Read(input, file))
        {
            rows++;
            foreach (var value in row.Values) chars += value.Length;
        }
        return (rows, chars);
    }

    private static (long, long) CsvHelperReader(string file)
    {
        using var stream = File.OpenRead(file);
        // CsvHelper alone, with line numbers tracked and malformed rows refused: close to what CsvRecords asks of it.
        var options = new CsvReaderOptions
        {
            Separator = ',',
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        using var reader = CsvReader.Create(stream, options);
        long rows = 0, chars = 0;
        while (reader.Read())
        {
            rows++;
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++) chars += (values[i] = reader.GetString(i)).Length;
        }
        return (rows, chars);
    }

    private static (long, long) SylvanReader(string file)
    {
        using var text = new StreamReader(file);
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        long rows = 0, chars = 0;
        while (reader.Read())
        {
            rows++;
            var values = new string[reader.RowFieldCount];
            for (var i = 0; i < values.Length; i++) chars += (values[i] = reader.GetString(i)).Length;
        }
        return (rows, chars);
    }
}
