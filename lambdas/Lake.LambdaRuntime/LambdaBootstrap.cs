namespace SocarDataLake.LambdaRuntime;

/// <summary>Handles one invocation: the event's JSON in, the response JSON out.</summary>
public delegate Task<byte[]> LambdaHandler(Invocation invocation, CancellationToken cancellationToken);

/// <summary>
/// The runtime loop: next → handler → response | error, forever. A handler exception is reported for
/// that invocation and the loop goes on; a fatal Runtime API answer (500) ends the process.
/// </summary>
public sealed class LambdaBootstrap(IRuntimeApi client, LambdaHandler handler, JsonLogger logger, TimeProvider clock)
{
    private const string TraceVariable = "_X_AMZN_TRACE_ID";

    /// <summary>Runs until cancelled or until the Runtime API says the environment is broken. Returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var invocation = await client.NextAsync(cancellationToken);
                await InvokeAsync(invocation, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
            catch (RuntimeApiException e) when (e.IsFatal)
            {
                logger.Error(null, "runtime_api_fatal", e.Message);
                return 1;
            }
            catch (RuntimeApiException e)
            {
                logger.Error(null, "runtime_api_rejected", e.Message);
            }
            catch (HttpRequestException e)
            {
                // Without the Runtime API there is nothing to run for.
                logger.Error(null, "runtime_api_unreachable", e.Message);
                return 1;
            }
        }
        return 0;
    }

    private async Task InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var context = invocation.Context;
        Environment.SetEnvironmentVariable(TraceVariable, context.TraceId);
        // The handler gets the invocation's own deadline, timed by the host's clock; the runtime's token only stops the loop.
        var remaining = context.RemainingTime(clock);
        using var timer = context.Deadline.ToUnixTimeMilliseconds() > 0
            ? new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, clock)
            : new CancellationTokenSource();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        byte[] response;
        try
        {
            response = await handler(invocation, deadline.Token);
        }
        catch (Exception e) when (e is not RuntimeApiException)
        {
            var reason = deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? new TimeoutException($"The invocation passed its deadline ({context.Deadline:O}) before the handler finished.", e)
                : e;
            logger.Error(context.RequestId, "handler_failed", reason);
            await client.ReportInvocationErrorAsync(context.RequestId, reason, cancellationToken);
            return;
        }
        await client.RespondAsync(context.RequestId, response, cancellationToken);
    }
}
