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

    public override string ToString() => $"{SizeBytes / 1024.0 / 1024.0:0.##} MiB / {Interval.TotalSeconds:0.##} s";
}
