using System.IO.Pipelines;

namespace SocarDataLake.LambdaRuntime.AspNetCore;

/// <summary>
/// The response body of one invocation, kept up to a cap and no further: a body past Lambda's 6 MB cannot be sent
/// anyway, and buffering all of it (a 40 MB page) took the function past its memory before the size was ever checked.
/// Bytes past the cap are written into a small scratch area and dropped; <see cref="Overflowed"/> then says so.
/// </summary>
internal sealed class ResponseBuffer(int cap) : PipeWriter
{
    private const int MinChunk = 4096;

    private byte[] _buffer = [];
    private byte[] _scratch = [];
    private int _length;
    private bool _inScratch;

    public bool Overflowed { get; private set; }

    /// <summary>The memory the body holds, whatever was written.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The bytes kept, without a copy; meaningful only when not <see cref="Overflowed"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        var wanted = Math.Max(sizeHint, 1);
        // One byte past the cap is room enough to learn that the body is too long.
        if (Overflowed || (long)_length + wanted > (long)cap + 1)
        {
            _inScratch = true;
            if (_scratch.Length < Math.Max(wanted, MinChunk)) _scratch = new byte[Math.Max(wanted, MinChunk)];
            return _scratch;
        }
        _inScratch = false;
        if (_buffer.Length - _length < Math.Max(wanted, MinChunk))
        {
            var size = (int)Math.Min((long)cap + 1, Math.Max((long)_buffer.Length * 2, (long)_length + Math.Max(wanted, MinChunk)));
            Array.Resize(ref _buffer, size);
        }
        return _buffer.AsMemory(_length);
    }

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        if (bytes == 0) return;
        if (_inScratch)
        {
            Overflowed = true;
            return;
        }
        _length += bytes;
        if (_length > cap) Overflowed = true;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => new(new FlushResult(false, false));

    public override void CancelPendingFlush()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }
}
