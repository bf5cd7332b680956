using SocarDataLake.Local;
using SocarDataLake.Producers.Local;
using SocarDataLake.Producers.Records;
using SocarDataLake.Producers.Streaming;

using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole.Local;

/// <summary>
/// The console's stand-in for the Kinesis Data Generator: at most one `stream rides` at a time, into the local lake
/// through the same sink, buffer hints and pipeline as `lake stream rides`. Stopping it, or the console, delivers what
/// is buffered and processes it, so every event sent becomes a row (or a quarantined row), never a loss.
/// </summary>
internal sealed class RideStream(LakeRoot root, TimeProvider clock) : IStreamGenerator
{
    public const string Dataset = "rides";

    private readonly Lock _lock = new();
    private Run? _current;

    public double MinRate => Pacer.MinRate;

    public RideStreamState Start(double rate, long? maxEvents)
    {
        // Refused before anything starts, as `lake stream rides` refuses it: the rides contract is what the events feed.
        root.Contract(Dataset);
        lock (_lock)
        {
            if (_current is { Running: true } running)
                throw new ApiException(Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict,
                    $"the ride stream is already running at {running.Rate:0.##} events/s ({running.Sink.Counters.Written:N0} sent): stop it first (POST /api/stream/rides/stop).");
            _current = new Run(root, rate, maxEvents, clock);
            return _current.State();
        }
    }

    public RideStreamState State()
    {
        lock (_lock) return _current?.State() ?? RideStreamState.Idle(Dataset);
    }

    /// <summary>Ends when the stream has ended, or <paramref name="wait"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Run? run;
        lock (_lock) run = _current;
        if (run is { Running: true }) await Task.WhenAny(run.Completion, Task.Delay(wait, clock, cancellationToken));
    }

    /// <summary>Stops the stream, if one runs, and returns once what it sent is delivered and processed.</summary>
    public async Task<RideStreamState> StopAsync()
    {
        Run? run;
        lock (_lock) run = _current;
        if (run is null) return RideStreamState.Idle(Dataset);
        await run.StopAsync();
        return run.State();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
        "The stop source has no timer, so it holds nothing to free; disposing it when the run ends would race a late stop.")]
    private sealed class Run
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly TimeProvider _clock;
        private readonly long _started;
        private StreamRunResult? _result;
        private string? _error;
        private TimeSpan? _elapsed;

        public Run(LakeRoot root, double rate, long? maxEvents, TimeProvider clock)
        {
            _clock = clock;
            Rate = rate;
            MaxEvents = maxEvents;
            StartedAt = clock.GetUtcNow();
            _started = clock.GetTimestamp();
            var target = new LakeFlushTarget(root, Dataset, TextWriter.Null, clock);
            Sink = new LocalStreamSink(target, $"the local stream of {Dataset} (buffer {BufferHints.LocalDefault})", BufferHints.LocalDefault, clock);
            var generator = new RideGenerator(Random.Shared.Next(), StartedAt, rate);
            // A vehicle's events share a key, as `lake stream rides` sends them.
            var records = generator.Events().Select(e => new StreamRecord(e.ToJson(), e.VehicleNumber));
            Completion = Task.Run(() => RunAsync(records));
        }

        public double Rate { get; }
        public long? MaxEvents { get; }
        public DateTimeOffset StartedAt { get; }
        public LocalStreamSink Sink { get; }
        public Task Completion { get; }
        public bool Running => !Completion.IsCompleted;

        private async Task RunAsync(IEnumerable<StreamRecord> records)
        {
            try
            {
                await using (Sink)
                    _result = await StreamRunner.RunAsync(records, Sink, Rate, MaxEvents, null, _clock, _stop.Token);
            }
            catch (Exception e)
            {
                // Nobody awaits this task but the state: what ended the stream is said there, and on the console's stderr.
                _error = e.Message;
                await Console.Error.WriteLineAsync($"lake console: the ride stream failed: {e}");
            }
            _elapsed = _clock.GetElapsedTime(_started);
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Completion;
        }

        public RideStreamState State()
        {
            var c = Sink.Counters;
            var state = Running ? (_stop.IsCancellationRequested ? "stopping" : "running")
                : _error is not null ? "failed"
                : _result?.Stopped == StopReason.CountReached ? "finished"
                : "stopped";
            return new RideStreamState(state, Dataset, Rate, MaxEvents, StartedAt, (_elapsed ?? _clock.GetElapsedTime(_started)).TotalSeconds,
                c.Written, c.Delivered, c.Buffered, c.Objects, _error);
        }
    }
}
