using System.Diagnostics;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Stream.Bench;

/// <summary>Wraps a sink and notes when each record was written, for record-to-queryable latency.</summary>
internal sealed class TimedSink(IRecordSink inner, Stopwatch clock) : IRecordSink
{
    public List<TimeSpan> WrittenAt { get; } = [];
    public string Target => inner.Target;
    public StreamCounters Counters => inner.Counters;

    public async ValueTask WriteAsync(StreamRecord record, CancellationToken cancellationToken)
    {
        lock (WrittenAt) WrittenAt.Add(clock.Elapsed);
        await inner.WriteAsync(record, cancellationToken);
    }

    public Task CompleteAsync() => inner.CompleteAsync();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>Lands flushed objects in the raw zone but leaves them unprocessed: the buffer's own throughput.</summary>
internal sealed class LandOnly(SocarDataLake.Core.Ports.IFlushTarget inner) : SocarDataLake.Core.Ports.IFlushTarget
{
    public Task LandAsync(ReadOnlyMemory<byte> content, int records, CancellationToken cancellationToken) => inner.LandAsync(content, records, cancellationToken);

    public Task ProcessAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
