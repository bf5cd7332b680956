namespace SocarDataLake.Producers.Streaming;

/// <summary>
/// What a sink has done so far, safe to read from the live display while the sink runs. "Delivered" means
/// accepted by Kinesis, or landed in the local lake's raw zone.
/// </summary>
public sealed class StreamCounters
{
    private long _written;
    private long _delivered;
    private long _retried;
    private long _objects;

    public long Written => Interlocked.Read(ref _written);
    public long Delivered => Interlocked.Read(ref _delivered);
    /// <summary>Records that failed once and were sent again (counted per retry).</summary>
    public long Retried => Interlocked.Read(ref _retried);
    /// <summary>Objects written to the raw zone (local stream) or PutRecords calls that succeeded (Kinesis).</summary>
    public long Objects => Interlocked.Read(ref _objects);
    public long Buffered => Written - Delivered;

    internal void AddWritten() => Interlocked.Increment(ref _written);
    internal void AddDelivered(long count) => Interlocked.Add(ref _delivered, count);
    internal void AddRetried(long count) => Interlocked.Add(ref _retried, count);
    internal void AddObject() => Interlocked.Increment(ref _objects);
}
