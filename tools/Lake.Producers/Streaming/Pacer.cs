namespace SocarDataLake.Producers.Streaming;

/// <summary>
/// Holds a producer to a rate: record n is due at start + n/rate. It sleeps only when more than a couple of
/// milliseconds ahead, so high rates go out in small bursts instead of one timer per record.
/// </summary>
public sealed class Pacer(double recordsPerSecond, TimeProvider clock)
{
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
