using System.Globalization;
using SocarDataLake.Aws;
using SocarDataLake.Core;
using SocarDataLake.Local;
using SocarDataLake.Producers.Kinesis;
using SocarDataLake.Producers.Local;
using SocarDataLake.Producers.Records;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Cli;

/// <summary>Where a stream verb sends records, as given on the command line.</summary>
internal sealed record StreamTarget(string RootPath, bool Aws, AwsOptions AwsOptions, int? BufferSizeMib, int? BufferIntervalSeconds);

internal static partial class LakeCommands
{
    /// <summary>With --seed, event times start here so the same seed gives the same records on any day.</summary>
    private static readonly DateTimeOffset SeededStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>`lake stream-csv`: each CSV row as one JSON record (header names as keys, values as strings).</summary>
    public static async Task<int> StreamCsvAsync(StreamTarget target, string file, string dataset, string? partitionKey, string? rate, TimeProvider clock, CancellationToken stop)
    {
        if (!File.Exists(file)) throw new LakeException($"{file}: no such file.");
        DatasetContracts.RequireJsonLines(DatasetContracts.Find(dataset, target.Aws, target.RootPath), file);
        double? perSecond = rate is null ? null : StreamOptions.Rate(rate);
        using var input = File.OpenRead(file);
        long row = 0;
        int? keyColumn = null;
        var records = CsvRecords.Read(input, file).Select(r =>
        {
            row++;
            if (partitionKey is not null && keyColumn is null)
            {
                var index = r.Header.ToList().IndexOf(partitionKey);
                keyColumn = index >= 0 ? index : throw new LakeException($"--partition-key {partitionKey}: {file} has no such column; its columns are {string.Join(", ", r.Header)}.");
            }
            // Kinesis hashes the key (MD5) to pick a shard, so row numbers spread evenly; an empty value
            // cannot be a partition key, so such a row falls back to its number too.
            var key = keyColumn is { } k && r.Value(k).Length > 0 ? r.Value(k) : row.ToString(CultureInfo.InvariantCulture);
            return new StreamRecord(r.ToJson(), key.Length > KinesisLimits.MaxPartitionKeyLength ? key[..KinesisLimits.MaxPartitionKeyLength] : key);
        });
        return await StreamAsync(target, dataset, records, perSecond, null, null, clock, stop);
    }

    /// <summary>`lake stream rides`: generated ride events at a rate, for a duration or a count.</summary>
    public static async Task<int> StreamRidesAsync(StreamTarget target, string rate, string? duration, long? count, int? seed, TimeProvider clock, CancellationToken stop)
    {
        if ((duration is null) == (count is null))
            throw new LakeException("stream rides needs exactly one of --duration <time> (such as 30s or 5m) or --count <n>.");
        if (count is <= 0) throw new LakeException($"--count {count}: give a positive number of records.");
        var perSecond = StreamOptions.Rate(rate);
        var limit = duration is null ? (TimeSpan?)null : StreamOptions.Duration(duration);
        DatasetContracts.Find("rides", target.Aws, target.RootPath);
        var generator = new RideGenerator(seed ?? Random.Shared.Next(), seed is null ? clock.GetUtcNow() : SeededStart, perSecond);
        // A vehicle's events share a key, so they stay in order on one shard.
        var records = generator.Events().Select(e => new StreamRecord(e.ToJson(), e.VehicleNumber));
        return await StreamAsync(target, "rides", records, perSecond, count, limit, clock, stop);
    }

    private static async Task<int> StreamAsync(StreamTarget target, string dataset, IEnumerable<StreamRecord> records, double? rate, long? count, TimeSpan? duration, TimeProvider clock, CancellationToken stop)
    {
        using var http = new HttpClient();
        LakeFlushTarget? lake = null;
        IRecordSink sink;
        if (target.Aws)
        {
            var aws = AwsTarget.Resolve(target.AwsOptions, Environment.GetEnvironmentVariable, needsBucket: false, needsStream: true);
            var kinesis = AwsClients.Kinesis(http, await aws.KeysAsync(), aws.Region, clock, AwsClients.EndpointOverride(Environment.GetEnvironmentVariable, "KINESIS"));
            sink = new KinesisSink(new KinesisPutRecords(kinesis, aws.Stream!), clock);
        }
        else
        {
            var hints = StreamOptions.Buffer(target.BufferSizeMib, target.BufferIntervalSeconds);
            var root = LakeRoot.Open(target.RootPath);
            lake = new LakeFlushTarget(root, dataset, Console.Out, clock);
            sink = new LocalStreamSink(lake, $"the local stream of {dataset} (buffer {hints})", hints, clock);
        }
        StreamRunResult result;
        await using (sink)
        {
            Console.WriteLine($"streaming to {sink.Target}{(rate is { } r ? $" at {r:0.##} records/s" : "")}; Ctrl-C stops and delivers what is buffered.");
            var display = new StreamDisplay();
            result = await StreamRunner.RunAsync(records, sink, rate, count, duration, clock, stop, display.Show);
            Progress("");
            var c = sink.Counters;
            Console.WriteLine($"{result.Records:N0} records streamed in {result.Elapsed.TotalSeconds:F1} s ({result.Records / Math.Max(result.Elapsed.TotalSeconds, 0.001):N0}/s), {Stopped(result.Stopped)}; "
                + $"{c.Delivered:N0} delivered to {sink.Target}{(target.Aws ? $" in {c.Objects:N0} PutRecords calls, {c.Retried:N0} retried" : $" as {c.Objects:N0} raw object{(c.Objects == 1 ? "" : "s")}")}.");
            if (lake is not null)
            {
                var runs = lake.Runs;
                Console.WriteLine($"pipeline: {runs.Count} runs here, {runs.Sum(x => x.RowsIn):N0} rows in = {runs.Sum(x => x.RowsOut):N0} out + {runs.Sum(x => x.RowsQuarantined):N0} quarantined. Try: lake query \"SELECT count(*) FROM {dataset}\"");
                // Another process's job may have committed some of these objects, so the runs above are not the
                // whole truth; the run records are.
                var bookmark = new CatalogStore(LakeRoot.Open(target.RootPath)).Bookmark(dataset);
                var pending = lake.LandedKeys.Count(k => !bookmark.Contains(k));
                Console.WriteLine(pending == 0
                    ? $"all {lake.LandedKeys.Count:N0} objects of this stream are committed."
                    : $"{pending:N0} of {lake.LandedKeys.Count:N0} objects of this stream are pending: 'lake process {dataset}' processes them.");
            }
        }
        // A stream a signal ended before its count, duration or input did exits as every verb stopped by it does;
        // the lines above said what was delivered.
        return result.Stopped == StopReason.Interrupted ? ExitInterrupted : 0;
    }

    private static string Stopped(StopReason reason) => reason switch
    {
        StopReason.CountReached => "count reached",
        StopReason.DurationElapsed => "duration elapsed",
        StopReason.Interrupted => $"stopped by {StopSignal.Name}",
        _ => "end of input",
    };

    /// <summary>The live line: records sent, their rate over the last half second, delivered, retried, buffered.</summary>
    private sealed class StreamDisplay
    {
        private long _lastWritten;
        private TimeSpan _lastAt;

        public void Show(StreamCounters counters, TimeSpan elapsed)
        {
            var written = counters.Written;
            var seconds = (elapsed - _lastAt).TotalSeconds;
            var rate = seconds > 0 ? (written - _lastWritten) / seconds : 0;
            (_lastWritten, _lastAt) = (written, elapsed);
            Progress($"{written:N0} sent  {rate:N0}/s  {counters.Delivered:N0} delivered  {counters.Retried:N0} failed-retried  {counters.Buffered:N0} buffered");
        }
    }
}
