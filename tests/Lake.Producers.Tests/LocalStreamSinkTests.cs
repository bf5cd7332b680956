using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using SocarDataLake.Core.Ports;
using SocarDataLake.Local;
using SocarDataLake.Producers.Local;
using SocarDataLake.Producers.Records;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Producers.Tests;

public sealed class LocalStreamSinkTests
{
    /// <summary>Records what the buffer flushes: each object's lines, and when processing was asked for.</summary>
    private sealed class RecordingTarget : IFlushTarget
    {
        public ConcurrentQueue<(string[] Lines, int Bytes, TimeSpan At)> Objects { get; } = new();
        public int Processed;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public Task LandAsync(ReadOnlyMemory<byte> content, int records, CancellationToken cancellationToken)
        {
            var text = Encoding.UTF8.GetString(content.Span);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            var lines = text[..^1].Split('\n');
            Assert.Equal(records, lines.Length);
            Objects.Enqueue((lines, content.Length, _clock.Elapsed));
            return Task.CompletedTask;
        }

        public Task ProcessAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Processed);
            return Task.CompletedTask;
        }
    }

    private static StreamRecord Record(int i) => new(Encoding.UTF8.GetBytes($"{{\"n\":{i},\"pad\":\"{new string('x', 80)}\"}}"), "k");

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > within) return false;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return true;
    }

    [Fact]
    public async Task A_full_buffer_is_flushed_without_waiting_for_the_interval_and_no_object_exceeds_the_size_hint()
    {
        var target = new RecordingTarget();
        await using var sink = new LocalStreamSink(target, "test", new BufferHints(1000, TimeSpan.FromHours(1)));

        for (var i = 0; i < 50; i++) await sink.WriteAsync(Record(i), TestContext.Current.CancellationToken);

        Assert.True(await EventuallyAsync(() => target.Objects.Count >= 4, TimeSpan.FromSeconds(10)), "full buffers are flushed while the stream runs");
        await sink.CompleteAsync();
        Assert.All(target.Objects, o => Assert.True(o.Bytes <= 1000, $"an object of {o.Bytes} bytes"));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => Encoding.UTF8.GetString(Record(i).Data)), target.Objects.SelectMany(o => o.Lines));
    }

    [Fact]
    public async Task A_buffer_is_flushed_when_its_oldest_record_has_waited_the_interval()
    {
        var target = new RecordingTarget();
        await using var sink = new LocalStreamSink(target, "test", new BufferHints(1024 * 1024, TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 3; i++) await sink.WriteAsync(Record(i), TestContext.Current.CancellationToken);

        Assert.True(await EventuallyAsync(() => !target.Objects.IsEmpty, TimeSpan.FromSeconds(10)), "the interval flushes a buffer that is not full");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"flushed after {clock.Elapsed.TotalMilliseconds} ms, before the interval");
        Assert.Equal(3, Assert.Single(target.Objects).Lines.Length);
        Assert.True(await EventuallyAsync(() => target.Processed == 1, TimeSpan.FromSeconds(5)), "the landed object is processed");
        await sink.CompleteAsync();
    }

    [Fact]
    public async Task Stopping_flushes_whatever_is_buffered()
    {
        var target = new RecordingTarget();
        await using var sink = new LocalStreamSink(target, "test", new BufferHints(1024 * 1024, TimeSpan.FromHours(1)));

        for (var i = 0; i < 10; i++) await sink.WriteAsync(Record(i), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
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
        var target = new LakeFlushTarget(lake.Root, "rides", TextWriter.Null);
        await using var sink = new LocalStreamSink(target, "rides", new BufferHints(64 * 1024, TimeSpan.FromHours(1)));
        using var stop = new CancellationTokenSource();
        // Every 50th event has a rating the contract refuses, so some rows go to quarantine.
        var records = new RideGenerator(3, DateTimeOffset.UtcNow, 1000).Events().Select((e, i) =>
        {
            if (i == 1500) stop.Cancel();
            var ride = i % 50 == 49 ? e with { Rating = "Superb" } : e;
            return new StreamRecord(ride.ToJson(), ride.VehicleNumber);
        });

        var result = await StreamRunner.RunAsync(records, sink, null, null, null, stop.Token);

        Assert.Equal(StopReason.Interrupted, result.Stopped);
        Assert.Equal(1500, result.Records);
        Assert.True(target.LandedKeys.Count > 1, "a 64 KiB buffer flushes several objects");
        Assert.All(target.LandedKeys, k => Assert.Matches(@"^rides/ingest_date=\d{4}-\d{2}-\d{2}/stream-\d{8}T\d{9}Z-\d{5}\.jsonl$", k));
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
