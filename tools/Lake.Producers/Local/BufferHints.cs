namespace SocarDataLake.Producers.Local;

/// <summary>
/// Firehose's buffering hints for the local stream: an object is written when the buffer holds
/// <see cref="SizeBytes"/> or its oldest record has waited <see cref="Interval"/>, whichever comes first.
/// Firehose's own defaults are 5 MiB / 60 s (the streaming module's); the local lake defaults to 1 MiB / 5 s
/// so a person watching `lake stream` sees rows within seconds.
/// </summary>
public sealed record BufferHints(long SizeBytes, TimeSpan Interval)
{
    public static BufferHints LocalDefault { get; } = new(1024 * 1024, TimeSpan.FromSeconds(5));
    public static BufferHints FirehoseDefault { get; } = new(5 * 1024 * 1024, TimeSpan.FromSeconds(60));

    /// <summary>The ranges Firehose accepts: 1 to 128 MiB, 0 to 900 seconds.</summary>
    public static BufferHints FromOptions(int? sizeMib, int? intervalSeconds)
    {
        if (sizeMib is < 1 or > 128) throw new SocarDataLake.Local.LakeException($"--buffer-size {sizeMib} is out of range: Firehose accepts 1 to 128 (MiB).");
        if (intervalSeconds is < 0 or > 900) throw new SocarDataLake.Local.LakeException($"--buffer-interval {intervalSeconds} is out of range: Firehose accepts 0 to 900 (seconds).");
        return new BufferHints(sizeMib is { } mib ? mib * 1024L * 1024 : LocalDefault.SizeBytes,
            intervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : LocalDefault.Interval);
    }

    public override string ToString() => $"{SizeBytes / 1024.0 / 1024.0:0.##} MiB / {Interval.TotalSeconds:0.##} s";
}
