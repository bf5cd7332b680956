using System.Text;

namespace SocarDataLake.Producers.Streaming;

/// <summary>One record for a stream: the bytes of one JSON object (no trailing newline) and the key that picks its shard.</summary>
public sealed record StreamRecord(byte[] Data, string PartitionKey)
{
    /// <summary>What Kinesis counts against its limits: the data blob plus the partition key's UTF-8 bytes.</summary>
    public int Size => Data.Length + Encoding.UTF8.GetByteCount(PartitionKey);
}

/// <summary>A record waiting in a producer's buffer, with the time it was written (batches age from their first record).</summary>
internal readonly record struct Pending(StreamRecord Record, DateTimeOffset WrittenAt);
