using SocarDataLake.Simulate.Aws;

namespace SocarDataLake.Simulate.Tests;

/// <summary>
/// Understanding retry behavior in Lambda (https://docs.aws.amazon.com/lambda/latest/dg/invocation-retries.html): after
/// a function error "your function's code might have run completely, partially, or not at all". The `lambda` fault
/// keeps both ends: an error before the handler's work leaves nothing done, one after it leaves the work done.
/// </summary>
public sealed class LambdaFunctionErrorTests
{
    // Found by a hostile review: at lambda=1 every invocation failed yet every handler had run, so every object was
    // processed on time and the README's "its arrival was never counted" could not happen in the model.
    [Fact]
    public void A_function_error_strikes_before_the_handlers_work_on_some_invocations_and_after_it_on_others()
    {
        var (scheduler, random, faults, ledger) = TestLakes.Parts(new() { ["lambda"] = 1 });
        var function = new LambdaFunction(scheduler, random, faults, ledger, TestLakes.Function("glue-trigger"));
        var handlerRan = 0;
        var results = new List<InvocationResult>();

        for (var i = 0; i < 200; i++) function.Invoke(() => { handlerRan++; return true; }, results.Add);
        scheduler.RunUntil(3600);

        Assert.Equal(Enumerable.Repeat(InvocationResult.FunctionError, 200), results);
        Assert.Equal(200, ledger.LambdaInvocations);
        // Half of the time each (the model's assumption): 200 draws land well inside 60-140.
        Assert.InRange(handlerRan, 60, 140);
    }

    [Fact]
    public void Without_the_fault_every_handler_runs_and_its_answer_is_the_result()
    {
        var (scheduler, random, faults, ledger) = TestLakes.Parts();
        var function = new LambdaFunction(scheduler, random, faults, ledger, TestLakes.Function("glue-trigger"));
        var handlerRan = 0;
        var results = new List<InvocationResult>();

        for (var i = 0; i < 10; i++) function.Invoke(() => ++handlerRan % 2 == 0, results.Add);
        scheduler.RunUntil(3600);

        Assert.Equal(10, handlerRan);
        Assert.Equal(5, results.Count(r => r == InvocationResult.Succeeded));
    }
}
