using System.Globalization;
using SocarDataLake.Simulate.Engine;

namespace SocarDataLake.Simulate.Aws;

/// <summary>
/// A Firehose delivery stream writing one dataset's records to the raw bucket. BufferingHints: an object is
/// written when the buffer reaches SizeInMBs or has waited IntervalInSeconds, whichever comes first (the
/// hints are hints: Firehose may choose otherwise). The stream is modelled by its byte rate, not record by
/// record, so a simulated day costs a few thousand events.
/// </summary>
public sealed class Firehose(Scheduler scheduler, RandomStreams random, S3RawBucket bucket, DateTimeOffset epoch, string streamName, string dataset,
    double bufferSizeMiB, double bufferIntervalSeconds)
{
    /// <summary>One rides record as JSON with the newline Firehose appends: about 160 bytes (assume).</summary>
    public const double RecordBytes = 160;

    private readonly Random delivery = random.For("firehose:" + dataset);
    private int objects;

    public int ObjectsWritten => objects;

    /// <summary>Streams <paramref name="recordsPerSecond"/> from now until <paramref name="until"/>.</summary>
    public void Stream(double recordsPerSecond, double until)
    {
        if (recordsPerSecond <= 0) return;
        var fillSeconds = bufferSizeMiB * 1024 * 1024 / (recordsPerSecond * RecordBytes);
        var every = Math.Max(1, Math.Min(Math.Max(bufferIntervalSeconds, 1), fillSeconds));
        for (var t = scheduler.Now + every; t <= until + every; t += every)
        {
            // The last buffer is flushed when the stream stops.
            var flushAt = Math.Min(t, until);
            if (flushAt <= scheduler.Now) break;
            // Writing the object to S3 takes a moment after the buffer closes (assume 1–5 s).
            scheduler.At(flushAt + delivery.Between(1, 5), Deliver);
            if (t >= until) break;
        }
    }

    private void Deliver()
    {
        var when = epoch.AddSeconds(scheduler.Now);
        var name = $"{streamName}-1-{when.ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture)}-{objects++:D8}";
        bucket.Put(dataset, $"{dataset}/ingest_date={when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{name}", valid: true);
    }
}
