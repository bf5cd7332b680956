namespace SocarDataLake.Producers.Kinesis;

/// <summary>
/// Bounded retries with exponential backoff and full jitter: before retry n the wait is random in
/// [0, min(cap, base * 2^(n-1))], so many producers throttled together do not retry in step.
/// </summary>
public sealed record Backoff(int MaxAttempts, TimeSpan Base, TimeSpan Cap)
{
    public static Backoff Default { get; } = new(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

    public TimeSpan DelayBefore(int retry, Random random)
    {
        var ceiling = Math.Min(Cap.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }
}
