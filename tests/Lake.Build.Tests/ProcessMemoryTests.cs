using SocarDataLake.TestServers;

namespace SocarDataLake.Build.Tests;

/// <summary>
/// The memory every benchmark reports comes from one reading of /proc/&lt;pid&gt;/status: the right line for each
/// figure, kibibytes as bytes, and an error naming the file instead of a figure of zero.
/// </summary>
public sealed class ProcessMemoryTests
{
    private static readonly string[] Status =
        ["Name:\tdotnet", "VmPeak:\t 9000000 kB", "VmHWM:\t  204800 kB", "VmRSS:\t  102400 kB", "RssAnon:\t   51200 kB"];

    [Fact]
    public void Reads_the_resident_set_from_VmRSS_and_its_peak_from_VmHWM_in_bytes()
    {
        var memory = ProcessMemory.Parse(Status, "/proc/42/status");

        Assert.Equal(new ProcessMemory(100L * 1024 * 1024, 200L * 1024 * 1024), memory);
    }

    [Fact]
    public void A_missing_line_is_an_error_naming_the_file_and_the_line()
    {
        var error = Assert.Throws<InvalidDataException>(() => ProcessMemory.Parse(Status.Where(l => !l.StartsWith("VmHWM:", StringComparison.Ordinal)), "/proc/42/status"));

        Assert.Equal("/proc/42/status has no VmHWM line", error.Message);
    }

    [Fact]
    public void A_line_in_another_unit_is_an_error_quoting_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => ProcessMemory.Parse(["VmRSS:\t 100 MB", "VmHWM:\t 200 kB"], "/proc/42/status"));

        Assert.Contains("'VmRSS:\t 100 MB'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void This_process_has_a_peak_at_least_its_resident_set()
    {
        var memory = ProcessMemory.Of(Environment.ProcessId);

        // Linux folds each thread's page counts into the high-water mark lazily (mm's split RSS counters), so a
        // reading may show VmRSS a few pages above VmHWM; a mebibyte of slack keeps the test to what the kernel promises.
        Assert.InRange(memory.RssBytes, 1024 * 1024, memory.PeakRssBytes + 1024 * 1024);
        // The peak only grows: read again through Measure, it is the same figure or a little more.
        Assert.InRange(Measure.PeakRssBytes(), memory.PeakRssBytes, memory.PeakRssBytes + 64L * 1024 * 1024);
    }
}
