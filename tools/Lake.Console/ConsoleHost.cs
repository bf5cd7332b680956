using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocarDataLake.Core;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// The console on Kestrel, listening on 127.0.0.1 only (the local host; `lake serve` gives it the local lake's ports). Where it listens is decided here and nowhere
/// else: no ASPNETCORE_URLS, Kestrel section or appsettings.json can add an address, and once started every address is
/// checked to be 127.0.0.1, or the console stops before it answers anything.
/// </summary>
public static class ConsoleHost
{
    /// <param name="dashboards">The folder of dashboards/*.json files, or null for none.</param>
    public static async Task<RunningConsole> StartAsync(ConsolePorts ports, int port, CancellationToken cancellationToken, string? dashboards = null)
    {
        if (port is < 0 or > 65535) throw new LakeException($"--port {port}: give 1 to 65535, or 0 for any free port.");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        // The caller owns Ctrl-C (the CLI says what it stopped; a test process must keep its own signals).
        builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = QueriesApi.MaxBodyBytes;
            kestrel.Listen(IPAddress.Loopback, port);
        });

        var access = new ConsoleAccess();
        var app = ConsoleApp.Build(builder, ports, new ConsoleOptions { RequireToken = true, Dashboards = dashboards }, access);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new LakeException($"cannot listen on 127.0.0.1:{port}: {e.Message} Give another --port, or --port 0 for any free one.");
        }
        var running = new RunningConsole(app, access, ports.Queries);
        try
        {
            access.Port = LoopbackPort(running.ListeningOn);
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
        return running;
    }

    private static int LoopbackPort(IReadOnlyCollection<string> addresses)
    {
        var uris = addresses.Select(a => new Uri(a)).ToList();
        if (uris.Count != 1 || uris[0].Host != "127.0.0.1")
            throw new InvalidOperationException($"the console listened on {string.Join(", ", addresses)}; it serves on 127.0.0.1 only, so it stopped.");
        return uris[0].Port;
    }

    private sealed class CallerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>A started console: its address with the token, and how to stop it.</summary>
public sealed class RunningConsole : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConsoleAccess _access;
    private readonly IQueryEngine _queries;

    internal RunningConsole(WebApplication app, ConsoleAccess access, IQueryEngine queries)
    {
        _app = app;
        _access = access;
        _queries = queries;
    }

    public int Port => _access.Port;
    public string Token => _access.Token;

    /// <summary>The one line `lake serve` prints: open it once, and the token becomes a cookie.</summary>
    public string Address => $"http://127.0.0.1:{Port}/?token={Token}";

    /// <summary>Every address Kestrel bound, as it reports them.</summary>
    public IReadOnlyCollection<string> ListeningOn => _app.Urls.ToList();

    internal ConsoleAccess Access => _access;

    public async Task StopAsync()
    {
        _queries.StopAll();
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
