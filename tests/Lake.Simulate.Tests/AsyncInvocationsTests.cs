using SocarDataLake.Simulate.Aws;

namespace SocarDataLake.Simulate.Tests;

/// <summary>How Lambda handles errors and retries with asynchronous invocation.</summary>
public sealed class AsyncInvocationsTests
{
    [Fact]
    public void A_function_error_is_retried_one_and_then_two_minutes_later_then_discarded()
    {
        var (scheduler, random, faults, ledger) = TestLakes.Parts();
        var function = new LambdaFunction(scheduler, random, faults, ledger, TestLakes.Function("etl-trigger"));
        var invocations = new AsyncInvocations(scheduler, random, faults, ledger, function, _ => throw new InvalidOperationException("ConcurrentRunsExceeded"));

        var ev = invocations.Invoke("{}");
        scheduler.RunUntil(86400);

        Assert.Equal(3, ev.Attempts.Count);
        Assert.InRange(ev.Attempts[1] - ev.Attempts[0], 60, 61);
        Assert.InRange(ev.Attempts[2] - ev.Attempts[1], 120, 121);
        Assert.Equal(AsyncOutcome.Discarded, ev.Outcome);
        Assert.Equal(1, ledger.AsyncEventsDiscarded);
    }

    [Fact]
    public void An_on_failure_destination_keeps_the_exhausted_event()
    {
        var (scheduler, random, faults, ledger) = TestLakes.Parts();
        var function = new LambdaFunction(scheduler, random, faults, ledger, TestLakes.Function("etl-trigger", retries: 0, onFailure: true));
        var invocations = new AsyncInvocations(scheduler, random, faults, ledger, function, _ => false);

        var ev = invocations.Invoke("{}");
        scheduler.RunUntil(3600);

        Assert.Single(ev.Attempts);
        Assert.Equal(AsyncOutcome.SentToOnFailureDestination, ev.Outcome);
        Assert.Equal(0, ledger.AsyncEventsDiscarded);
    }

    [Fact]
    public void Throttles_are_retried_with_backoff_until_the_maximum_event_age_then_discarded()
    {
        var (scheduler, random, faults, ledger) = TestLakes.Parts(new() { ["throttle"] = 1 });
        var function = new LambdaFunction(scheduler, random, faults, ledger, TestLakes.Function("etl-trigger", maxAge: 600));
        var invocations = new AsyncInvocations(scheduler, random, faults, ledger, function, _ => true);

        var ev = invocations.Invoke("{}");
        scheduler.RunUntil(3600);

        Assert.Equal(AsyncOutcome.Discarded, ev.Outcome);
        Assert.InRange(ev.Attempts.Count, 8, 12);
        Assert.True(ev.Attempts[^1] - ev.QueuedAt <= 600);
        Assert.Equal(0, function.Invocations);
    }
}
