using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SocarDataLake.LambdaRuntime.AspNetCore;

/// <summary>
/// The server ASP.NET Core runs on inside Lambda: instead of listening on a socket it runs the runtime loop
/// (next invocation, the application, response), one request per invocation as Lambda delivers them. When the
/// Runtime API says the environment is broken the loop ends and so does the application.
/// </summary>
public sealed class LambdaServer(IRuntimeApi runtime, JsonLogger logger, TimeProvider clock, IHostApplicationLifetime lifetime, IReadOnlyDictionary<string, string>? ownHeaders = null) : IServer
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <summary>The runtime loop's exit code once it ended (0 when stopped, 1 when the Runtime API failed).</summary>
    public int? ExitCode { get; private set; }

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        var bridge = new HttpApiBridge<TContext>(application, logger, ownHeaders);
        var bootstrap = new LambdaBootstrap(runtime, bridge.HandleAsync, logger, clock);
        _loop = Task.Run(async () =>
        {
            ExitCode = await bootstrap.RunAsync(_stopping.Token);
            lifetime.StopApplication();
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();
}

/// <summary>Hosting the same app in Lambda or on Kestrel, decided by the environment Lambda sets.</summary>
public static class LambdaHosting
{
    /// <summary>Lambda sets it to the Runtime API's host:port in every function's environment.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>
    /// In Lambda (AWS_LAMBDA_RUNTIME_API set), replaces the server with <see cref="LambdaServer"/> over the given
    /// Runtime API (the HTTP client when null); elsewhere changes nothing, so Kestrel serves. True when replaced.
    /// <paramref name="ownHeaders"/> go on the responses the bridge makes itself, which the app's middleware never sees.
    /// </summary>
    public static bool UseLambdaServerInLambda(this IServiceCollection services, Func<string, string?> environment, IRuntimeApi? runtime = null, TextWriter? log = null, IReadOnlyDictionary<string, string>? ownHeaders = null)
    {
        var runtimeApi = environment(RuntimeApiVariable);
        if (string.IsNullOrEmpty(runtimeApi) && runtime is null) return false;
        var api = runtime ?? new RuntimeApiClient(runtimeApi!);
        services.AddSingleton<IServer>(provider => new LambdaServer(api, new JsonLogger(log ?? Console.Out, environment("AWS_LAMBDA_LOG_LEVEL") ?? "info"), TimeProvider.System, provider.GetRequiredService<IHostApplicationLifetime>(), ownHeaders));
        return true;
    }
}
