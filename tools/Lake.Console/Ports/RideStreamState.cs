namespace SocarDataLake.LakeConsole.Ports;

/// <summary>
/// GET /api/stream/rides: "idle" (never started), "running", "stopping" (delivering what is buffered), "finished"
/// (max_events sent), "stopped" or "failed" (error says why); events sent, delivered to the raw zone and still buffered.
/// </summary>
public sealed record RideStreamState(
    string State,
    string Dataset,
    double? Rate,
    long? MaxEvents,
    DateTimeOffset? StartedAt,
    double ElapsedSeconds,
    long Sent,
    long Delivered,
    long Buffered,
    long Objects,
    string? Error)
{
    public static RideStreamState Idle(string dataset) => new("idle", dataset, null, null, null, 0, 0, 0, 0, 0, null);
}
