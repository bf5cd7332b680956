namespace SocarDataLake.LakeConsole.Aws.Tests;

/// <summary>
/// The system clock, except that every wait ends at once and is written down: the AWS clients back off from
/// throttling with real delays, which a test checks were asked for without sleeping through them.
/// </summary>
internal sealed class InstantClock : TimeProvider
{
    public List<TimeSpan> Waits { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
            lock (Waits) Waits.Add(dueTime);
        return base.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
