namespace SocarDataLake.LambdaRuntime;

/// <summary>
/// The four calls of the Lambda Runtime API the bootstrap loop makes; <see cref="RuntimeApiClient"/> is the
/// HTTP one, and tests of the loop give it events from memory.
/// </summary>
public interface IRuntimeApi
{
    /// <summary>Waits, without a time limit, for the next event.</summary>
    Task<Invocation> NextAsync(CancellationToken cancellationToken);

    Task RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken);

    Task ReportInvocationErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken);

    /// <summary>The function could not start: Lambda fails the pending invocation with this error and restarts the environment.</summary>
    Task ReportInitErrorAsync(Exception exception, CancellationToken cancellationToken);
}
