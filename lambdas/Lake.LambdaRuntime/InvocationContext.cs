namespace SocarDataLake.LambdaRuntime;

/// <summary>What the Runtime API says about one invocation, from the headers of its /next response.</summary>
public sealed record InvocationContext(string RequestId, DateTimeOffset Deadline, string FunctionArn, string? TraceId)
{
    public TimeSpan RemainingTime(TimeProvider clock) => Deadline - clock.GetUtcNow();
}

/// <summary>One event to handle: its context and raw JSON body.</summary>
public sealed record Invocation(InvocationContext Context, byte[] Payload);
