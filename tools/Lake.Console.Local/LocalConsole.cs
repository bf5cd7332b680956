using SocarDataLake.LakeConsole.Ports;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole.Local;

/// <summary>The console over a local lake, on 127.0.0.1: what `lake serve` runs.</summary>
public static class LocalConsole
{
    public static ConsolePorts Ports(LakeRoot root, TimeProvider clock) => new(new LocalLakeView(root), new LocalQueryEngine(root, clock), new RideStream(root, clock));

    /// <param name="dashboards">The folder of dashboards/*.json files, or null for none.</param>
    public static Task<RunningConsole> StartAsync(LakeRoot root, int port, TimeProvider clock, CancellationToken cancellationToken, string? dashboards = null) =>
        ConsoleHost.StartAsync(Ports(root, clock), port, cancellationToken, dashboards);
}
