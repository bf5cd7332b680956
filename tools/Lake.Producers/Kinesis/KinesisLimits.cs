using SocarDataLake.Core;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Producers.Kinesis;

/// <summary>
/// PutRecords limits as the Kinesis API reference states them: 500 records and 5 MiB per call, 1 MiB per
/// record, each counting the data blob plus the partition key; a partition key is 1 to 256 characters.
/// </summary>
public static class KinesisLimits
{
    public const int MaxRecordsPerCall = 500;
    public const int MaxBytesPerCall = 5 * 1024 * 1024;
    public const int MaxBytesPerRecord = 1024 * 1024;
    public const int MaxPartitionKeyLength = 256;

    public static BatchLimits Batch(TimeSpan linger) => new(MaxRecordsPerCall, MaxBytesPerCall, linger);

    /// <summary>Refuses a record Kinesis would refuse, before anything is sent, saying which one and why.</summary>
    public static void Check(StreamRecord record, long number)
    {
        if (record.PartitionKey.Length is 0 or > MaxPartitionKeyLength)
            throw new LakeException($"record {number:N0}: the partition key is {record.PartitionKey.Length} characters long; Kinesis accepts 1 to {MaxPartitionKeyLength}.");
        if (record.Size > MaxBytesPerRecord)
            throw new LakeException($"record {number:N0} is {record.Size:N0} bytes with its partition key; Kinesis accepts at most {MaxBytesPerRecord:N0} bytes (1 MiB) per record. Split the row or load the file with 'lake ingest'.");
    }
}
