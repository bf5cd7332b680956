using System.Threading.Channels;
using SocarDataLake.Core.Ports;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Producers.Local;

/// <summary>
/// The local stand-in for Kinesis + Firehose: records buffer until the size or interval hint is reached, then
/// one newline-delimited JSON object is flushed to the target. One deliverer lands objects and runs the
/// pipeline; when it falls behind it lands every full buffer first and processes them together.
/// <see cref="CompleteAsync"/> flushes whatever is buffered, so stopping a stream loses nothing.
/// </summary>
public sealed class LocalStreamSink : IRecordSink
{
    private readonly IFlushTarget _target;
    private readonly BufferHints _hints;
    private readonly TimeProvider _clock;
    private readonly Channel<Pending> _buffer = Channel.CreateBounded<Pending>(new BoundedChannelOptions(200_000) { SingleReader = true, SingleWriter = true });
    private readonly Task _deliverer;
    private long _bufferedBytes;

    public string Target { get; }
    public StreamCounters Counters { get; } = new();

    public LocalStreamSink(IFlushTarget target, string targetName, BufferHints hints, TimeProvider clock)
    {
        _target = target;
        _hints = hints;
        _clock = clock;
        Target = targetName;
        _deliverer = Task.Run(DeliverLoopAsync);
    }

    public async ValueTask WriteAsync(StreamRecord record, CancellationToken cancellationToken)
    {
        // Counted before the write so the deliverer never sees more bytes taken than buffered.
        Interlocked.Add(ref _bufferedBytes, record.Data.Length + 1);
        try
        {
            await _buffer.Writer.WriteAsync(new Pending(record, _clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception e)
        {
            Interlocked.Add(ref _bufferedBytes, -(record.Data.Length + 1));
            if (e is ChannelClosedException) await CompleteAsync();
            throw;
        }
        Counters.AddWritten();
    }

    public async Task CompleteAsync()
    {
        _buffer.Writer.TryComplete();
        try
        {
            await _deliverer;
        }
        catch (Exception e)
        {
            var lost = Counters.Written - Counters.Delivered;
            throw new StreamDeliveryException($"{lost:N0} of {Counters.Written:N0} records were not delivered to {Target}: {e.Message}", lost, e);
        }
    }

    private async Task DeliverLoopAsync()
    {
        var unprocessed = false;
        try
        {
            var limits = new BatchLimits(int.MaxValue, _hints.SizeBytes, _hints.Interval);
            while (true)
            {
                var batch = await RecordBatcher.ReadBatchAsync(_buffer.Reader, limits, r => r.Data.Length + 1, _clock);
                if (batch.Count == 0) break;
                var content = Serialize(batch);
                Interlocked.Add(ref _bufferedBytes, -content.Length);
                await _target.LandAsync(content, batch.Count, CancellationToken.None);
                Counters.AddDelivered(batch.Count);
                Counters.AddObject();
                unprocessed = true;
                if (AnotherBufferIsDue()) continue;
                await _target.ProcessAsync(CancellationToken.None);
                unprocessed = false;
            }
            if (unprocessed) await _target.ProcessAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            _buffer.Writer.TryComplete(e);
            throw;
        }
    }

    // Firehose appends a newline to every record (the streaming module's append_newline): one JSON object per line.
    private static byte[] Serialize(List<Pending> batch)
    {
        var content = new byte[batch.Sum(p => p.Record.Data.Length + 1)];
        var at = 0;
        foreach (var pending in batch)
        {
            pending.Record.Data.CopyTo(content, at);
            at += pending.Record.Data.Length;
            content[at++] = (byte)'\n';
        }
        return content;
    }

    private bool AnotherBufferIsDue() =>
        Interlocked.Read(ref _bufferedBytes) >= _hints.SizeBytes
        || (_buffer.Reader.TryPeek(out var oldest) && _clock.GetUtcNow() - oldest.WrittenAt >= _hints.Interval);

    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        try { await _deliverer; }
        catch (Exception) when (_deliverer.IsFaulted)
        {
            // Disposing after a failure: CompleteAsync has already reported it.
        }
    }
}
