namespace SocarDataLake.Producers.Streaming;

/// <summary>Where a producer's records go: a Kinesis Data Stream, or the local lake's Firehose-like buffer.</summary>
public interface IRecordSink : IAsyncDisposable
{
    /// <summary>Human name of the target, for messages ("Kinesis stream socar-lake-dev-rides").</summary>
    string Target { get; }

    StreamCounters Counters { get; }

    /// <summary>Buffers one record; waits when the buffer is full (back-pressure) and fails once delivery has failed.</summary>
    ValueTask WriteAsync(StreamRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers everything still buffered and waits for it. Throws <see cref="StreamDeliveryException"/> naming
    /// how many records were not delivered, if any were not.
    /// </summary>
    Task CompleteAsync();
}

/// <summary>Records were lost: the message says how many and why.</summary>
public sealed class StreamDeliveryException(string message, long lost, Exception? inner = null) : Exception(message, inner)
{
    public long Lost { get; } = lost;
}
