using System.Runtime.ExceptionServices;

namespace SocarDataLake.Producers.Streaming;

public enum StopReason
{
    SourceEnded,
    CountReached,
    DurationElapsed,
    Interrupted,
}

public sealed record StreamRunResult(long Records, StopReason Stopped, TimeSpan Elapsed);

/// <summary>
/// Drives records from a source into a sink at an optional rate until the source ends, --count is reached,
/// --duration elapses or the user stops it; then completes the sink so everything buffered is delivered.
/// </summary>
public static class StreamRunner
{
    public static async Task<StreamRunResult> RunAsync(IEnumerable<StreamRecord> source, IRecordSink sink, double? rate, long? count, TimeSpan? duration,
        TimeProvider clock, CancellationToken stop, Action<StreamCounters, TimeSpan>? report = null)
    {
        using var elapsed = duration is { } limit ? new CancellationTokenSource(limit, clock) : new CancellationTokenSource();
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stop, elapsed.Token);
        var pacer = rate is { } r ? new Pacer(r, clock) : null;
        var started = clock.GetTimestamp();
        var reportEvery = TimeSpan.FromMilliseconds(500);
        using var reporter = report is null ? null : clock.CreateTimer(_ => report(sink.Counters, clock.GetElapsedTime(started)), null, reportEvery, reportEvery);
        var reason = StopReason.SourceEnded;
        long written = 0;
        ExceptionDispatchInfo? failure = null;
        try
        {
            foreach (var record in source)
            {
                if (written == count) { reason = StopReason.CountReached; break; }
                if (pacer is not null) await pacer.WaitAsync(running.Token);
                running.Token.ThrowIfCancellationRequested();
                await sink.WriteAsync(record, running.Token);
                written++;
            }
            if (written == count) reason = StopReason.CountReached;
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            reason = stop.IsCancellationRequested ? StopReason.Interrupted : StopReason.DurationElapsed;
        }
        catch (Exception e) when (e is not StreamDeliveryException)
        {
            // A bad source row or a refused record: deliver what was already written, then report it.
            failure = ExceptionDispatchInfo.Capture(e);
        }
        // Whatever stopped the producer, the buffer is delivered: stopping never loses records.
        await sink.CompleteAsync();
        report?.Invoke(sink.Counters, clock.GetElapsedTime(started));
        failure?.Throw();
        return new StreamRunResult(written, reason, clock.GetElapsedTime(started));
    }
}
