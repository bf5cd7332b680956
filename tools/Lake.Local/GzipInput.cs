using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace SocarDataLake.Local;

/// <summary>
/// Inflates a gzip raw object to a plain staged file and proves it whole. .NET's GZipStream (like DuckDB's reader)
/// ends a truncated stream silently, which accepted the first rows of a cut-off upload; each gzip member ends with
/// the CRC-32 and length of its data (RFC 1952, section 2.3.1), and an object is read only when they match.
/// </summary>
internal static class GzipInput
{
    /// <summary>Writes the inflated bytes to <paramref name="target"/>; null when whole, else why it is not.</summary>
    public static string? Inflate(string path, string target)
    {
        var crc = new Crc32();
        long length = 0;
        try
        {
            using (var file = File.OpenRead(path))
            using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            using (var output = File.Create(target))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
                {
                    crc.Append(buffer.AsSpan(0, read));
                    output.Write(buffer, 0, read);
                    length += read;
                }
            }
            // One member, the usual case: its trailer is the last eight bytes of the object.
            if (TrailerMatches(path, crc.GetCurrentHashAsUInt32(), length)) return null;
            return EveryMemberWhole(path);
        }
        catch (InvalidDataException)
        {
            return CorruptData;
        }
    }

    /// <summary>
    /// Why an object whose deflate data is invalid is quarantined. .NET's own message named a zip archive's
    /// "unsupported compression method", which a user holding a damaged .gz cannot act on.
    /// </summary>
    public const string CorruptData = "gzip data is corrupt: its compressed bytes do not inflate (the file is damaged, or is not gzip although it starts like gzip); the object is quarantined whole, none of its rows are read";

    private static bool TrailerMatches(string path, uint crc, long length)
    {
        using var file = File.OpenRead(path);
        if (file.Length < 18) return false;
        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer) == crc && BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) == (uint)length;
    }

    // Several members (concatenated .gz files) each carry their own trailer. The inflater is fed one byte at a time
    // so it consumes exactly its member and the trailer is the next eight bytes; slow, but only for this rare shape.
    private static string? EveryMemberWhole(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> trailer = stackalloc byte[8];
        var member = 0;
        while (file.Position < file.Length)
        {
            member++;
            var start = file.Position;
            if (!SkipHeader(file)) return Truncated(member, start);
            var crc = new Crc32();
            long length = 0;
            using (var deflate = new DeflateStream(new OneByteAtATime(file), CompressionMode.Decompress, leaveOpen: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = deflate.Read(buffer, 0, buffer.Length)) > 0)
                {
                    crc.Append(buffer.AsSpan(0, read));
                    length += read;
                }
            }
            if (file.ReadAtLeast(trailer, 8, throwOnEndOfStream: false) < 8) return Truncated(member, start);
            if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != crc.GetCurrentHashAsUInt32() || BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != (uint)length)
                return $"gzip member {member} (from byte {start:N0}) is truncated or corrupt: its data does not match its CRC-32 and length; the object is quarantined whole, none of its rows are read";
        }
        return null;
    }

    private static string Truncated(int member, long start) =>
        $"gzip data is truncated: member {member} (from byte {start:N0}) ends before its CRC-32 and length; the object is quarantined whole, none of its rows are read";

    // RFC 1952 section 2.3: magic, method 8, flags, then the optional extra field, name, comment and header CRC.
    private static bool SkipHeader(FileStream file)
    {
        Span<byte> header = stackalloc byte[10];
        if (file.ReadAtLeast(header, 10, throwOnEndOfStream: false) < 10 || header[0] != 0x1f || header[1] != 0x8b || header[2] != 8) return false;
        var flags = header[3];
        if ((flags & 4) != 0)
        {
            Span<byte> size = stackalloc byte[2];
            if (file.ReadAtLeast(size, 2, throwOnEndOfStream: false) < 2) return false;
            file.Seek(BinaryPrimitives.ReadUInt16LittleEndian(size), SeekOrigin.Current);
        }
        for (var zeroTerminated = 8; zeroTerminated <= 16; zeroTerminated *= 2)
        {
            if ((flags & zeroTerminated) == 0) continue;
            int b;
            while ((b = file.ReadByte()) > 0) { }
            if (b < 0) return false;
        }
        if ((flags & 2) != 0) file.Seek(2, SeekOrigin.Current);
        return file.Position < file.Length;
    }

    private sealed class OneByteAtATime(Stream inner) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => inner.Read(buffer[..Math.Min(buffer.Length, 1)]);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
