using System.Diagnostics;

namespace SocarDataLake.TestServers;

/// <summary>What the benchmarks measure a run by: peak memory, seconds, a median, MiB for people.</summary>
public static class Measure
{
    /// <summary>The process's peak resident set (VmHWM), which counts DuckDB's native memory too.</summary>
    public static long PeakRssBytes() => ProcessMemory.Of(Environment.ProcessId).PeakRssBytes;

    public static double Seconds(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:F0} MiB";
}
