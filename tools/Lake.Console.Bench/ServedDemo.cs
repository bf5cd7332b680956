using System.Diagnostics;
using System.Text.RegularExpressions;
using SocarDataLake.TestServers;

namespace SocarDataLake.LakeConsole.Bench;

/// <summary>
/// What a person runs before opening the console: `lake demo` (the NYC taxi sample, a drifted file and its quarantine),
/// then `lake serve --port 0` over it with the repository's dashboards, each a real process, so the serving process's
/// memory is its own.
/// </summary>
internal sealed partial class ServedDemo : IAsyncDisposable
{
    private readonly LakeProcess _serve;

    private ServedDemo(LakeProcess serve, string signIn, double startMs)
    {
        _serve = serve;
        SignInAddress = signIn;
        Origin = signIn[..signIn.IndexOf("/?token=", StringComparison.Ordinal)];
        Token = signIn[(signIn.IndexOf("/?token=", StringComparison.Ordinal) + "/?token=".Length)..];
        StartMs = startMs;
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/?token=&lt;token&gt;, as printed.</summary>
    public string SignInAddress { get; }

    public string Origin { get; }

    public string Token { get; }

    /// <summary>Process start to the address line printed: `lake serve`'s own start, the runtime's included.</summary>
    public double StartMs { get; }

    public int ProcessId => _serve.Id;

    public static async Task<ServedDemo> StartAsync(string folder)
    {
        var root = Path.Combine(folder, "lake");
        var demo = await LakeCommand.RunAsync(folder, null, CancellationToken.None, "demo", "--root", root);
        if (demo.ExitCode != 0)
            throw new InvalidOperationException($"lake demo exited {demo.ExitCode}:\n{demo.Output}\n{demo.Error}");

        var started = Stopwatch.GetTimestamp();
        var serve = LakeProcess.Start(folder, new Dictionary<string, string> { ["LAKE_ROOT"] = root },
            "serve", "--port", "0", "--dashboards", Path.Combine(RepositoryRoot.Path, "dashboards"));
        string? address = null;
        await serve.WaitForLineAsync(line => (address = AddressLine().IsMatch(line) ? line : address) is not null, CancellationToken.None);
        return new ServedDemo(serve, address!, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public async ValueTask DisposeAsync()
    {
        _serve.Interrupt();
        await _serve.WaitForExitAsync(CancellationToken.None);
        _serve.Dispose();
    }

    [GeneratedRegex("^http://127\\.0\\.0\\.1:[0-9]+/\\?token=[A-Za-z0-9_-]+$")]
    private static partial Regex AddressLine();
}
