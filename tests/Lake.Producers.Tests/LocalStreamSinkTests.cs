using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using SocarDataLake.Core.Ports;
using SocarDataLake.Local;
using SocarDataLake.Producers.Local;
using SocarDataLake.Producers.Records;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Producers.Tests;

public sealed class LocalStreamSinkTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>How long a test waits for an event the sink must cause; reaching it fails the test.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>Records what the buffer flushes: each object's lines and when (on the fake clock) it landed.</summary>
    private sealed class RecordingTarget(TimeProvider clock) : IFlushTarget
    {
        private readonly Channel<bool> _landed = Channel.CreateUnbounded<bool>();
        private readonly Channel<bool> _processed = Channel.CreateUnbounded<bool>();

        public ConcurrentQueue<(string[] Lines, int Bytes, DateTimeOffset At)> Objects { get; } = new();
        public int Processed;

        public Task LandAsync(ReadOnlyMemory<byte> content, int records, CancellationToken cancellationToken)
        {
            var text = Encoding.UTF8.GetString(content.Span);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            var lines = text[..^1].Split('\n');
            Assert.Equal(records, lines.Length);
            Objects.Enqueue((lines, content.Length, clock.GetUtcNow()));
            _landed.Writer.TryWrite(true);
            return Task.CompletedTask;
        }

        public Task ProcessAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Processed);
            _processed.Writer.TryWrite(true);
            return Task.CompletedTask;
        }

        public Task LandedAsync(int objects, string why) => WaitAsync(_landed, objects, why);

        public Task ProcessedAsync(int times, string why) => WaitAsync(_processed, times, why);

        private static async Task WaitAsync(Channel<bool> signal, int count, string why)
        {
            try
            {
                for (var i = 0; i < count; i++)
                    await signal.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                Assert.Fail(why);
            }
        }
    }

    /// <summary>
    /// A fake clock that says when a timer is first set: the buffer sets one only after it has taken a record
    /// and waits for that record's interval, so the test knows the deliverer is waiting, not just late.
    /// </summary>
    private sealed class WatchedClock : TimeProvider
    {
        private readonly TaskCompletionSource _timerSet = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FakeTimeProvider Fake { get; } = new(Start);

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            _timerSet.TrySetResult();
            return timer;
        }

        public async Task TimerSetAsync() =>
            await _timerSet.Task.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    private static StreamRecord Record(int i) => new(Encoding.UTF8.GetBytes($"{{\"n\":{i},\"pad\":\"{new string('x', 80)}\"}}"), "k");

    [Fact]
    public async Task A_full_buffer_is_flushed_without_waiting_for_the_interval_and_no_object_exceeds_the_size_hint()
    {
        var clock = new WatchedClock();
        var target = new RecordingTarget(clock);
        await using var sink = new LocalStreamSink(target, "test", new BufferHints(1000, TimeSpan.FromHours(1)), clock);

        for (var i = 0; i < 50; i++) await sink.WriteAsync(Record(i), TestContext.Current.CancellationToken);

        // The clock never moves, so only a full buffer can flush these.
        await target.LandedAsync(4, "full buffers are flushed while the stream runs");
        await sink.CompleteAsync();
        Assert.All(target.Objects, o => Assert.True(o.Bytes <= 1000, $"an object of {o.Bytes} bytes"));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => Encoding.UTF8.GetString(Record(i).Data)), target.Objects.SelectMany(o => o.Lines));
    }

    [Fact]
    public async Task A_buffer_is_flushed_when_its_oldest_record_has_waited_the_interval()
    {
        var interval = TimeSpan.FromSeconds(5);
        var clock = new WatchedClock();
        var target = new RecordingTarget(clock);
        await using var sink = new LocalStreamSink(target, "test", new BufferHints(1024 * 1024, interval), clock);

        await sink.WriteAsync(Record(0), TestContext.Current.CancellationToken);
        await clock.TimerSetAsync();
        clock.Fake.Advance(interval - TimeSpan.FromMilliseconds(1));
        Assert.Empty(target.Objects);
        clock.Fake.Advance(TimeSpan.FromMilliseconds(1));

        await target.LandedAsync(1, "the interval flushes a buffer that is not full");
        var landed = Assert.Single(target.Objects);
        Assert.Equal(Start + interval, landed.At);
        Assert.Single(landed.Lines);
        await target.ProcessedAsync(1, "the landed object is processed");
        await sink.CompleteAsync();
    }

    [Fact]
    public async Task Stopping_flushes_whatever_is_buffered()
    {
        var clock = new WatchedClock();
        var target = new RecordingTarget(clock);
        await using var sink = new LocalStreamSink(target, "test", new BufferHints(1024 * 1024, TimeSpan.FromHours(1)), clock);

        for (var i = 0; i < 10; i++) await sink.WriteAsync(Record(i), TestContext.Current.CancellationToken);
        await clock.TimerSetAsync();
        Assert.Empty(target.Objects);

        await sink.CompleteAsync();

        Assert.Equal(10, Assert.Single(target.Objects).Lines.Length);
        Assert.Equal(1, target.Processed);
        Assert.Equal((10, 10, 0), (sink.Counters.Written, sink.Counters.Delivered, sink.Counters.Buffered));
    }

    [Fact]
    public async Task Stopping_a_stream_early_loses_nothing_every_record_is_a_processed_or_quarantined_row()
    {
        using var lake = new ScratchLake();
        var clock = new FakeTimeProvider(Start);
        var target = new LakeFlushTarget(lake.Root, "rides", TextWriter.Null, clock);
        await using var sink = new LocalStreamSink(target, "rides", new BufferHints(64 * 1024, TimeSpan.FromHours(1)), clock);
        using var stop = new CancellationTokenSource();
        // Every 50th event has a rating the contract refuses, so some rows go to quarantine.
        var records = new RideGenerator(3, Start, 1000).Events().Select((e, i) =>
        {
            if (i == 1500) stop.Cancel();
            var ride = i % 50 == 49 ? e with { Rating = "Superb" } : e;
            return new StreamRecord(ride.ToJson(), ride.VehicleNumber);
        });

        var result = await StreamRunner.RunAsync(records, sink, null, null, null, clock, stop.Token);

        Assert.Equal(StopReason.Interrupted, result.Stopped);
        Assert.Equal(1500, result.Records);
        Assert.True(target.LandedKeys.Count > 1, "a 64 KiB buffer flushes several objects");
        Assert.All(target.LandedKeys, k => Assert.Matches(@"^rides/ingest_date=2026-11-25/stream-20261125T120000000Z-\d{5}\.jsonl$", k));
        var rowsOut = target.Runs.Sum(r => r.RowsOut);
        var quarantined = target.Runs.Sum(r => r.RowsQuarantined);
        Assert.Equal((1500L, 1470L, 30L), (target.Runs.Sum(r => r.RowsIn), rowsOut, quarantined));
        Assert.Equal(1470L, Convert.ToInt64(lake.Query("SELECT count(*) FROM rides").Rows[0][0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_local_default_is_1_MiB_or_5_seconds()
    {
        Assert.Equal(new BufferHints(1024 * 1024, TimeSpan.FromSeconds(5)), BufferHints.LocalDefault);
        Assert.Equal(new BufferHints(5L * 1024 * 1024, TimeSpan.FromSeconds(60)), BufferHints.FirehoseDefault);
    }
}
