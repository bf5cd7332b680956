using System.Globalization;

namespace SocarDataLake.TestServers;

/// <summary>
/// A process's resident set now (VmRSS) and at its peak (VmHWM), from /proc/&lt;pid&gt;/status: what every benchmark
/// reports as memory, since it counts native memory (DuckDB's, a Native AOT binary's) that the GC does not see.
/// </summary>
public sealed record ProcessMemory(long RssBytes, long PeakRssBytes)
{
    public static ProcessMemory Of(int pid) => Parse(File.ReadAllLines($"/proc/{pid}/status"), $"/proc/{pid}/status");

    /// <param name="source">Named in the error when a field is missing.</param>
    public static ProcessMemory Parse(IEnumerable<string> statusLines, string source)
    {
        long? rss = null, peak = null;
        foreach (var line in statusLines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kibibytes(line, source);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kibibytes(line, source);
        }
        return new ProcessMemory(
            rss ?? throw new InvalidDataException($"{source} has no VmRSS line"),
            peak ?? throw new InvalidDataException($"{source} has no VmHWM line"));
    }

    // "VmRSS:\t  123456 kB": the kernel reports kibibytes whatever the unit reads.
    private static long Kibibytes(string line, string source)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3 || fields[2] != "kB" || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            throw new InvalidDataException($"{source}: '{line}' is not '<field>: <number> kB'");
        return kib * 1024;
    }
}
