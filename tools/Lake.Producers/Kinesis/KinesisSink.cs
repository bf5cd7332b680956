using System.Net.Http;
using System.Threading.Channels;
using SocarDataLake.Aws;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Producers.Kinesis;

/// <summary>
/// Sends records to a Kinesis Data Stream: one sender cuts the buffer into PutRecords calls within the API
/// limits (or after <c>linger</c> at low rates), retries only the records a call reports as failed, and a
/// whole call only when its error is retryable (throttling, server errors). Records still failing after the
/// last attempt end the stream with a <see cref="StreamDeliveryException"/> naming how many were lost.
/// </summary>
public sealed class KinesisSink : IRecordSink
{
    private readonly KinesisPutRecords _api;
    private readonly Backoff _backoff;
    private readonly TimeProvider _clock;
    private readonly BatchLimits _limits;
    private readonly Random _jitter = new();
    private readonly Channel<Pending> _buffer = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { SingleReader = true, SingleWriter = true });
    private readonly Task _sender;

    public string Target => $"Kinesis stream {_api.Stream}";
    public StreamCounters Counters { get; } = new();

    public KinesisSink(KinesisPutRecords api, TimeProvider clock, Backoff? backoff = null, TimeSpan? linger = null)
    {
        _api = api;
        _backoff = backoff ?? Backoff.Default;
        _clock = clock;
        _limits = KinesisLimits.Batch(linger ?? TimeSpan.FromMilliseconds(500));
        _sender = Task.Run(SendLoopAsync);
    }

    public async ValueTask WriteAsync(StreamRecord record, CancellationToken cancellationToken)
    {
        KinesisLimits.Check(record, Counters.Written + 1);
        try
        {
            await _buffer.Writer.WriteAsync(new Pending(record, _clock.GetUtcNow()), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await CompleteAsync();
            throw;
        }
        Counters.AddWritten();
    }

    public async Task CompleteAsync()
    {
        _buffer.Writer.TryComplete();
        try
        {
            await _sender;
        }
        catch (Exception e)
        {
            var lost = Counters.Written - Counters.Delivered;
            var reason = e is BatchFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            throw new StreamDeliveryException($"{lost:N0} of {Counters.Written:N0} records were not delivered to {Target}: {reason}", lost, e.InnerException ?? e);
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            while (true)
            {
                var batch = await RecordBatcher.ReadBatchAsync(_buffer.Reader, _limits, r => r.Size, _clock);
                if (batch.Count == 0) return;
                await PutWithRetriesAsync(batch.Select(p => p.Record).ToList());
            }
        }
        catch (Exception e)
        {
            // Stop the producer at its next write: nothing more is accepted once records are lost.
            _buffer.Writer.TryComplete(e);
            throw;
        }
    }

    private async Task PutWithRetriesAsync(List<StreamRecord> records)
    {
        var pending = records;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            List<StreamRecord> failed;
            try
            {
                var outcomes = await _api.PutAsync(pending, CancellationToken.None);
                failed = pending.Where((_, i) => outcomes[i].Failed).ToList();
                var first = outcomes.FirstOrDefault(o => o.Failed);
                failure = first is null ? "" : $"{failed.Count} of {pending.Count} records failed in the call ({first.ErrorCode}: {first.ErrorMessage})";
                Counters.AddObject();
            }
            catch (AwsServiceException e) when (e.IsRetryable)
            {
                failed = pending;
                failure = $"the call failed ({e.Message})";
            }
            catch (AwsServiceException e)
            {
                throw new BatchFailedException($"Kinesis refused PutRecords and retrying cannot help: {e.Message}", e);
            }
            catch (HttpRequestException e)
            {
                failed = pending;
                failure = $"the call did not reach Kinesis ({e.Message})";
            }
            catch (TaskCanceledException e)
            {
                // Nothing cancels the sender: this is HttpClient's timeout, as transient as a lost connection.
                failed = pending;
                failure = $"the call timed out ({e.Message})";
            }
            Counters.AddDelivered(pending.Count - failed.Count);
            if (failed.Count == 0) return;
            if (attempt >= _backoff.MaxAttempts)
                throw new BatchFailedException($"{failed.Count:N0} records still failed after {attempt} attempts; last: {failure}.", null);
            Counters.AddRetried(failed.Count);
            await Task.Delay(_backoff.DelayBefore(attempt, _jitter), _clock);
            pending = failed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        try { await _sender; }
        catch (Exception) when (_sender.IsFaulted)
        {
            // Disposing after a failure: CompleteAsync has already reported it.
        }
    }

    private sealed class BatchFailedException(string message, Exception? inner) : Exception(message, inner);
}
