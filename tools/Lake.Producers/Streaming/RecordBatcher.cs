using System.Threading.Channels;

namespace SocarDataLake.Producers.Streaming;

/// <summary>Limits that close a batch, whichever comes first: a record count, a byte size, or the age of its first record.</summary>
public sealed record BatchLimits(int MaxRecords, long MaxBytes, TimeSpan MaxAge);

/// <summary>Cuts the records of a channel into batches within <see cref="BatchLimits"/>.</summary>
internal static class RecordBatcher
{
    /// <summary>
    /// The next batch: waits for a first record, then takes records until a limit is reached, the next record
    /// would not fit, or the first record has waited <see cref="BatchLimits.MaxAge"/>. Empty once the channel
    /// is completed and drained. A record larger than MaxBytes on its own forms a batch by itself.
    /// </summary>
    public static async Task<List<Pending>> ReadBatchAsync(ChannelReader<Pending> reader, BatchLimits limits, Func<StreamRecord, long> size, TimeProvider clock)
    {
        var batch = new List<Pending>();
        long bytes = 0;
        if (!await reader.WaitToReadAsync()) return batch;
        var deadline = DateTimeOffset.MaxValue;
        while (true)
        {
            while (batch.Count < limits.MaxRecords && reader.TryPeek(out var next))
            {
                var n = size(next.Record);
                if (batch.Count > 0 && bytes + n > limits.MaxBytes) return batch;
                reader.TryRead(out _);
                if (batch.Count == 0) deadline = next.WrittenAt + limits.MaxAge;
                batch.Add(next);
                bytes += n;
            }
            if (batch.Count >= limits.MaxRecords || bytes >= limits.MaxBytes) return batch;
            var wait = deadline - clock.GetUtcNow();
            if (wait <= TimeSpan.Zero) return batch;
            using var timeout = new CancellationTokenSource(wait, clock);
            try
            {
                if (!await reader.WaitToReadAsync(timeout.Token)) return batch;
            }
            catch (OperationCanceledException)
            {
                return batch;
            }
        }
    }
}
