namespace SocarDataLake.Producers.Streaming;

/// <summary>
/// Holds a producer to a rate: record n is due at start + n/rate. It sleeps only when more than a couple of
/// milliseconds ahead, so high rates go out in small bursts instead of one timer per record.
/// </summary>
public sealed class Pacer(double recordsPerSecond, TimeProvider clock)
{
    /// <summary>
    /// The slowest rate a stream verb or the console's generator takes: one record an hour (1/h). The wait between two
    /// records is 1/rate, and .NET's timers wait at most about 49 days (TimeSpan itself ends near 29,000 years), so
    /// a rate like 1e-9 failed with the runtime's words; well before that limit a stream is no stream (the local
    /// buffer flushes every 5 seconds).
    /// </summary>
    public const double MinRate = 1.0 / 3600;

    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(2);
    private readonly long _start = clock.GetTimestamp();
    private long _count;

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds(_count++ / recordsPerSecond);
        var ahead = due - clock.GetElapsedTime(_start);
        if (ahead > Slack) await Task.Delay(ahead, clock, cancellationToken);
    }
}
