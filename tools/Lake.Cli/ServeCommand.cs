using System.Diagnostics;
using SocarDataLake.LakeConsole.Local;
using SocarDataLake.Local;

namespace SocarDataLake.Cli;

/// <summary>
/// `lake serve`: the console over the local lake on 127.0.0.1, until Ctrl-C. Standard output gets one line, the address
/// with its token, so a script can read it; everything else goes to stderr.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string rootPath, int port, bool open, string? dashboardsOption, TimeProvider clock, CancellationToken cancellationToken)
    {
        var root = LakeRoot.Open(rootPath);
        var dashboards = RepoLocator.DashboardsDirectory(dashboardsOption);
        await using var console = await LocalConsole.StartAsync(root, port, clock, cancellationToken, dashboards);
        Console.WriteLine(console.Address);
        Console.Error.WriteLine($"lake: the console shows the lake at {root.Path}, on 127.0.0.1 only; Ctrl-C stops it.");
        Console.Error.WriteLine(dashboards is null
            ? "lake: no dashboards/ folder found (run from the repository, or give --dashboards <folder>): the Dashboards page is empty."
            : $"lake: dashboards from {dashboards}.");
        if (open) OpenBrowser(console.Address);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await console.StopAsync();
        // 130 (Ctrl-C) or 143 (SIGTERM) as every verb a signal stopped: the console has no other way to end, and a script
        // that started it can still tell "stopped" from a console that could not start (1 or 2).
        Console.Error.WriteLine($"lake: console stopped by {StopSignal.Name}; queries still running were stopped.");
        return StopSignal.ExitCode;
    }

    private static void OpenBrowser(string address)
    {
        try
        {
            using var browser = Process.Start(new ProcessStartInfo(address) { UseShellExecute = true });
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            Console.Error.WriteLine($"lake: --open could not start a browser ({e.Message}); open the address above.");
        }
    }
}
