using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Aws;

/// <summary>What became of one asynchronous event.</summary>
public enum AsyncOutcome
{
    Pending,
    Succeeded,
    /// <summary>Retries exhausted or the maximum event age passed, and no on-failure destination: gone.</summary>
    Discarded,
    /// <summary>Retries exhausted, kept by the on-failure destination.</summary>
    SentToOnFailureDestination,
}

/// <summary>One event in Lambda's asynchronous queue and its attempts.</summary>
public sealed class AsyncEvent(string payload, double queuedAt)
{
    public string Payload { get; } = payload;
    public double QueuedAt { get; } = queuedAt;
    public List<double> Attempts { get; } = [];
    public int ErrorRetries { get; set; }
    public double ThrottleBackoff { get; set; }
    public AsyncOutcome Outcome { get; set; }
}

/// <summary>
/// Asynchronous invocation of one function (how EventBridge and S3 invoke Lambda). How Lambda handles errors
/// and retries with asynchronous invocation: on a function error Lambda runs the event up to two more times,
/// one minute after the first attempt and two minutes after the second; throttles are retried with a backoff
/// from 1 second to 5 minutes until the maximum event age (default 6 hours); an event that runs out of
/// retries or age is discarded unless an on-failure destination or DLQ is configured; the queue may also run
/// an event twice (`async-duplicate`). Configuring error handling for asynchronous invocation: retry
/// attempts 0–2 and event age 60–21,600 s.
/// </summary>
public sealed class AsyncInvocations(Scheduler scheduler, RandomStreams random, Faults faults, WorkLedger ledger, LambdaFunction function, Func<string, bool> handler)
{
    private readonly Random queueDelay = random.For("async-queue:" + function.Name);

    public List<AsyncEvent> Events { get; } = [];

    public LambdaFunction Function { get; } = function;

    public AsyncEvent Invoke(string payload)
    {
        var ev = new AsyncEvent(payload, scheduler.Now);
        Events.Add(ev);
        // The event waits in Lambda's internal queue briefly before the first attempt (assume under a second).
        scheduler.After(queueDelay.Between(0.05, 1), () => Attempt(ev));
        if (faults.Strikes("async-duplicate")) scheduler.After(queueDelay.Between(1, 30), () => Attempt(ev, duplicate: true));
        return ev;
    }

    private void Attempt(AsyncEvent ev, bool duplicate = false)
    {
        if (ev.Outcome != AsyncOutcome.Pending && !duplicate) return;
        if (scheduler.Now - ev.QueuedAt > Function.Settings.AsyncMaximumEventAgeSeconds.Value)
        {
            Fail(ev, "maximum event age passed");
            return;
        }
        ev.Attempts.Add(scheduler.Now);
        Function.Invoke(() => handler(ev.Payload), result =>
        {
            if (duplicate) return;
            switch (result)
            {
                case InvocationResult.Succeeded:
                    ev.Outcome = AsyncOutcome.Succeeded;
                    break;
                case InvocationResult.Throttled:
                    ev.ThrottleBackoff = ev.ThrottleBackoff == 0 ? 1 : Math.Min(ev.ThrottleBackoff * 2, 300);
                    scheduler.After(ev.ThrottleBackoff, () => Attempt(ev));
                    break;
                default:
                    if (ev.ErrorRetries < Function.Settings.AsyncMaximumRetryAttempts.Value)
                    {
                        // One minute before the first retry, two before the second.
                        var wait = ev.ErrorRetries == 0 ? 60 : 120;
                        ev.ErrorRetries++;
                        scheduler.After(wait, () => Attempt(ev));
                    }
                    else
                    {
                        Fail(ev, $"function error after {ev.ErrorRetries} retries");
                    }
                    break;
            }
        });
    }

    private void Fail(AsyncEvent ev, string why)
    {
        if (Function.Settings.AsyncOnFailureDestination.Value)
        {
            ev.Outcome = AsyncOutcome.SentToOnFailureDestination;
            ledger.Note(scheduler.Now, $"{Function.Name}: event kept by the on-failure destination ({why})");
            return;
        }
        ev.Outcome = AsyncOutcome.Discarded;
        ledger.AsyncEventsDiscarded++;
        ledger.Note(scheduler.Now, $"{Function.Name}: event discarded ({why})");
    }
}
