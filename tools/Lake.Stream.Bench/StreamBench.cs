using System.Diagnostics;
using System.Globalization;
using SocarDataLake.Core;
using SocarDataLake.Local;
using SocarDataLake.Producers.Local;
using SocarDataLake.Producers.Records;
using SocarDataLake.Producers.Streaming;
using SocarDataLake.TestServers;

namespace SocarDataLake.Stream.Bench;

internal static class StreamBench
{
    private static LakeRoot NewLake(string work, string name) =>
        LakeRoot.Init(Path.Combine(work, name + "-" + Guid.NewGuid().ToString("N")[..8]), Path.Combine(RepositoryRoot.Path, "datasets"));

    private static IEnumerable<StreamRecord> Rides(int seed, double rate) =>
        new RideGenerator(seed, DateTimeOffset.UtcNow, rate).Events().Select(e => new StreamRecord(e.ToJson(), e.VehicleNumber));

    private static long Count(LakeRoot lake) =>
        Convert.ToInt64(new QueryService(lake, new CatalogStore(lake)).Run("SELECT count(*) FROM rides").Rows[0][0], CultureInfo.InvariantCulture);

    /// <summary>The ride generator alone: events serialized to JSON records, nothing sent.</summary>
    public static Dictionary<string, object> Generator(int records)
    {
        // A first pass compiles the generator (tiered JIT), so the timed pass measures steady state.
        foreach (var _ in Rides(0, 1000).Take(records / 4)) { }
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        foreach (var record in Rides(1, 1000).Take(records)) bytes += record.Data.Length;
        var perSecond = records / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"generator: {records:N0} ride events in {clock.Elapsed.TotalSeconds:F2} s = {perSecond:N0} records/s ({bytes / (double)records:F0} bytes each)");
        return new() { ["records"] = records, ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3), ["records_per_second"] = Math.Round(perSecond), ["bytes_per_record"] = Math.Round(bytes / (double)records) };
    }

    /// <summary>Generator + local stream buffer (1 MiB / 5 s) + atomic landing in the raw zone, no pipeline.</summary>
    public static async Task<Dictionary<string, object>> BufferToRawAsync(string work, int records)
    {
        var lake = NewLake(work, "raw");
        var target = new LakeFlushTarget(lake, "rides", TextWriter.Null, TimeProvider.System);
        await using var sink = new LocalStreamSink(new LandOnly(target), "rides", BufferHints.LocalDefault, TimeProvider.System);
        var result = await StreamRunner.RunAsync(Rides(2, 1000), sink, null, records, null, TimeProvider.System, CancellationToken.None);
        var perSecond = records / result.Elapsed.TotalSeconds;
        Console.WriteLine($"generator + buffer -> raw zone: {records:N0} records in {result.Elapsed.TotalSeconds:F2} s = {perSecond:N0} records/s, {target.LandedKeys.Count} objects of about 1 MiB");
        return new() { ["records"] = records, ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 3), ["records_per_second"] = Math.Round(perSecond), ["objects"] = target.LandedKeys.Count, ["buffer"] = BufferHints.LocalDefault.ToString() };
    }

    /// <summary>Generator + buffer + the whole local pipeline (crawl, typed ETL, Parquet) until every row is queryable.</summary>
    public static async Task<Dictionary<string, object>> BufferToQueryableAsync(string work, int records)
    {
        var lake = NewLake(work, "pipeline");
        var target = new LakeFlushTarget(lake, "rides", TextWriter.Null, TimeProvider.System);
        await using var sink = new LocalStreamSink(target, "rides", BufferHints.LocalDefault, TimeProvider.System);
        var result = await StreamRunner.RunAsync(Rides(3, 1000), sink, null, records, null, TimeProvider.System, CancellationToken.None);
        var seen = Count(lake);
        if (seen != records) throw new InvalidOperationException($"{records} records streamed but {seen} rows are queryable");
        var perSecond = records / result.Elapsed.TotalSeconds;
        Console.WriteLine($"generator + buffer + pipeline -> queryable: {records:N0} records in {result.Elapsed.TotalSeconds:F2} s = {perSecond:N0} records/s ({target.Runs.Count} ETL runs over {target.LandedKeys.Count} objects)");
        return new() { ["records"] = records, ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 3), ["records_per_second"] = Math.Round(perSecond), ["objects"] = target.LandedKeys.Count, ["runs"] = target.Runs.Count };
    }

    /// <summary>
    /// Ride events at a steady rate into a stream with a 5 s buffer interval, while another task asks
    /// `SELECT count(*) FROM rides` every 100 ms: a record's latency is from its write to the first answer that counts it.
    /// </summary>
    public static async Task<Dictionary<string, object>> LatencyAsync(string work, double rate, TimeSpan duration)
    {
        var lake = NewLake(work, "latency");
        var clock = Stopwatch.StartNew();
        var hints = new BufferHints(BufferHints.LocalDefault.SizeBytes, TimeSpan.FromSeconds(5));
        var sink = new TimedSink(new LocalStreamSink(new LakeFlushTarget(lake, "rides", TextWriter.Null, TimeProvider.System), "rides", hints, TimeProvider.System), clock);
        var seenAt = new List<(long Count, TimeSpan At)>();
        using var stopPolling = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!stopPolling.IsCancellationRequested)
            {
                long count = 0;
                try { count = Count(lake); }
                catch (LakeException) { /* nothing committed yet: no view */ }
                seenAt.Add((count, clock.Elapsed));
                await Task.Delay(100);
            }
        });
        StreamRunResult result;
        await using (sink) result = await StreamRunner.RunAsync(Rides(4, rate), sink, rate, null, duration, TimeProvider.System, CancellationToken.None);
        while (Count(lake) < result.Records) await Task.Delay(50);
        await Task.Delay(200);
        await stopPolling.CancelAsync();
        await poller;

        var latencies = new List<double>();
        var next = 0;
        foreach (var (count, at) in seenAt)
            for (; next < count && next < sink.WrittenAt.Count; next++) latencies.Add((at - sink.WrittenAt[next]).TotalSeconds);
        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        Console.WriteLine($"latency (buffer interval 5 s, {rate:N0} records/s for {duration.TotalSeconds:N0} s, {latencies.Count:N0} records): record -> SELECT count(*) sees it: "
            + $"min {latencies[0]:F2} s, median {Percentile(0.5):F2} s, p95 {Percentile(0.95):F2} s, max {latencies[^1]:F2} s");
        return new()
        {
            ["buffer_interval_seconds"] = 5,
            ["rate"] = rate,
            ["records"] = latencies.Count,
            ["min_seconds"] = Math.Round(latencies[0], 3),
            ["median_seconds"] = Math.Round(Percentile(0.5), 3),
            ["p95_seconds"] = Math.Round(Percentile(0.95), 3),
            ["max_seconds"] = Math.Round(latencies[^1], 3),
        };
    }
}
