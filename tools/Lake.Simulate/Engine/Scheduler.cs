namespace SocarDataLake.Simulate.Engine;

/// <summary>
/// The discrete-event core: actions ordered by simulated time (seconds from the start), ties broken by the
/// order they were scheduled, so a run with the same seed always replays the same way.
/// </summary>
public sealed class Scheduler
{
    private readonly PriorityQueue<Action, (double Time, long Sequence)> queue = new();
    private long sequence;

    public double Now { get; private set; }

    public long ActionsRun { get; private set; }

    public void At(double time, Action action) => queue.Enqueue(action, (Math.Max(time, Now), sequence++));

    public void After(double delaySeconds, Action action) => At(Now + Math.Max(0, delaySeconds), action);

    /// <summary>Runs every action due up to <paramref name="end"/>, including ones scheduled on the way.</summary>
    public void RunUntil(double end)
    {
        while (queue.TryPeek(out var action, out var due) && due.Time <= end)
        {
            queue.Dequeue();
            Now = due.Time;
            ActionsRun++;
            action();
        }
        Now = Math.Max(Now, end);
    }
}
