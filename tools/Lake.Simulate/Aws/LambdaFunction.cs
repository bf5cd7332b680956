using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Plan;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Aws;

/// <summary>How one invocation ended.</summary>
public enum InvocationResult
{
    Succeeded,
    /// <summary>A function error: the code threw, the runtime failed, or the invocation timed out.</summary>
    FunctionError,
    /// <summary>Throttled (429) before the function ran: not billed, not counted as an invocation.</summary>
    Throttled,
}

/// <summary>
/// One Lambda function: runs the real handler in-process, counts invocations and billed GB-seconds, and
/// applies the `lambda` (function error, before or after the handler's work) and `throttle` (429) faults. Reserved concurrency caps concurrent
/// executions (Lambda function scaling); beyond it invocations are throttled.
/// </summary>
public sealed class LambdaFunction(Scheduler scheduler, RandomStreams random, Faults faults, WorkLedger ledger, LambdaSettings settings)
{
    private readonly Random durations = random.For("lambda-duration:" + settings.Name);
    private readonly Random whenErrors = random.For("lambda-error-timing:" + settings.Name);

    public LambdaSettings Settings { get; } = settings;
    public string Name => Settings.Name;
    public int Running { get; private set; }
    public int Invocations { get; private set; }

    /// <summary>
    /// Invokes the function at the current time: <paramref name="handler"/> runs now (its Glue calls happen
    /// now), and <paramref name="completed"/> is called when the invocation ends, after its duration.
    /// </summary>
    public void Invoke(Func<bool> handler, Action<InvocationResult> completed)
    {
        if (faults.Strikes("throttle") || (Settings.ReservedConcurrency.Value is { } reserved && Running >= reserved))
        {
            completed(InvocationResult.Throttled);
            return;
        }
        Invocations++;
        ledger.LambdaInvocations++;
        Running++;
        // A trigger's work is one or two Glue API calls: tens to hundreds of milliseconds (assume).
        var duration = durations.Between(0.05, 0.5);
        // "Your function's code might have run completely, partially, or not at all" (Understanding retry behavior in
        // Lambda, https://docs.aws.amazon.com/lambda/latest/dg/invocation-retries.html): a function error strikes
        // before the handler's work (an init or runtime failure: nothing done) or after it (a crash or timeout once
        // the calls were made), half of the time each (assumption: AWS publishes no share).
        var error = faults.Strikes("lambda");
        var before = error && whenErrors.NextDouble() < 0.5;
        bool ok;
        try
        {
            ok = !before && handler() && !error;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ok = false;
        }
        if (duration > Settings.TimeoutSeconds.Value)
        {
            duration = Settings.TimeoutSeconds.Value;
            ok = false;
        }
        ledger.LambdaGbSeconds += Settings.MemoryMb.Value / 1024.0 * Math.Ceiling(duration * 1000) / 1000;
        scheduler.After(duration, () =>
        {
            Running--;
            completed(ok ? InvocationResult.Succeeded : InvocationResult.FunctionError);
        });
    }
}
