namespace SocarDataLake.LambdaRuntime;

/// <summary>
/// What every function's Main does: read the Runtime API address, build the handler from the environment
/// (reporting an init error if it cannot), then run the invocation loop.
/// </summary>
public static class FunctionHost
{
    public static async Task<int> RunAsync<THandler>(
        Func<Func<string, string?>, THandler> create,
        Func<THandler, JsonLogger, Invocation, CancellationToken, Task<byte[]>> handle)
    {
        var logger = new JsonLogger(Console.Out, Environment.GetEnvironmentVariable("LAKE_LOG_LEVEL") ?? "info");
        var runtimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrEmpty(runtimeApi))
        {
            logger.Error(null, "no_runtime_api", "AWS_LAMBDA_RUNTIME_API is not set: this binary runs inside AWS Lambda (or a Runtime API emulator).");
            return 1;
        }
        using var runtime = new RuntimeApiClient(runtimeApi);
        return await RunAsync(runtime, Environment.GetEnvironmentVariable, logger, create, handle, CancellationToken.None);
    }

    /// <summary>
    /// Builds the handler, then runs the loop. Any exception while building it (a missing variable, a bad
    /// contract, a type initializer that threw) is logged whole and reported as the init error, so Lambda
    /// shows why the function cannot start instead of a bare "Runtime exited".
    /// </summary>
    public static async Task<int> RunAsync<THandler>(
        IRuntimeApi runtime,
        Func<string, string?> variable,
        JsonLogger logger,
        Func<Func<string, string?>, THandler> create,
        Func<THandler, JsonLogger, Invocation, CancellationToken, Task<byte[]>> handle,
        CancellationToken cancellationToken)
    {
        THandler handler;
        try
        {
            handler = create(variable);
        }
        catch (Exception e)
        {
            logger.Error(null, "init_failed", e);
            await runtime.ReportInitErrorAsync(e, cancellationToken);
            return 1;
        }
        var bootstrap = new LambdaBootstrap(runtime, (invocation, ct) => handle(handler, logger, invocation, ct), logger, TimeProvider.System);
        return await bootstrap.RunAsync(cancellationToken);
    }

    /// <summary>A variable the function cannot run without; the message says who sets it.</summary>
    public static string Required(this Func<string, string?> variable, string name) => variable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"Environment variable {name} is not set (Terraform's lambda-function module sets it).");
}
