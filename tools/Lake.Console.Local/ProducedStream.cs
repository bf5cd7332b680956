using System.IO.Pipelines;

namespace SocarDataLake.LakeConsole.Local;

/// <summary>
/// The reading end of a pipe a producer thread writes into. Disposing it stops the producer and waits for it, so a
/// download the caller gave up on does not leave DuckDB reading on.
/// </summary>
internal sealed class ProducedStream(PipeReader reader, CancellationTokenSource stop, Task producer) : Stream
{
    private readonly Stream _inner = reader.AsStream(leaveOpen: true);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken) => reader.CopyToAsync(destination, cancellationToken);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int _stopped;

    public override async ValueTask DisposeAsync()
    {
        await StopProducerAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) StopProducerAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }

    private async ValueTask StopProducerAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        await stop.CancelAsync();
        await reader.CompleteAsync();
        await producer;
        stop.Dispose();
    }
}
