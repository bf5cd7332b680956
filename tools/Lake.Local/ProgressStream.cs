namespace SocarDataLake.Local;

/// <summary>A read-only stream that reports how far a copy has got, about once per 5% of the file.</summary>
public sealed class ProgressStream(Stream inner, string name, Action<string> report) : Stream
{
    private readonly long _length = inner.CanSeek ? inner.Length : -1;
    private long _read;
    private int _lastPercent = -1;

    public override int Read(byte[] buffer, int offset, int count) => Track(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Track(await inner.ReadAsync(buffer, cancellationToken));

    private int Track(int read)
    {
        _read += read;
        if (_length > 0)
        {
            var percent = (int)(_read * 100 / _length);
            if (percent / 5 != _lastPercent / 5)
            {
                _lastPercent = percent;
                report($"{name}: landing {percent}% of {_length / 1024.0 / 1024.0:F1} MiB");
            }
        }
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
