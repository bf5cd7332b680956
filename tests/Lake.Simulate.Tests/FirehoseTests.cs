using SocarDataLake.Simulate.Designs;

namespace SocarDataLake.Simulate.Tests;

/// <summary>BufferingHints: an object when the buffer reaches its size or its interval, whichever comes first.</summary>
public sealed class FirehoseTests
{
    [Fact]
    public void A_slow_stream_lands_one_object_per_buffer_interval()
    {
        var result = Simulation.Run(TestLakes.Plan, new ReconcilerDesign(), new SimulationOptions { Hours = 1, StreamRecordsPerSecond = 50 }, TestLakes.Prices);

        Assert.Equal(60, result.Metrics.ObjectsLanded);
    }

    [Fact]
    public void A_fast_stream_lands_an_object_each_time_the_buffer_fills()
    {
        var result = Simulation.Run(TestLakes.Plan, new ReconcilerDesign(), new SimulationOptions { Hours = 1, StreamRecordsPerSecond = 10_000 }, TestLakes.Prices);

        // 5 MiB at 10,000 records/s of 160 bytes fills in 3.3 s.
        Assert.InRange(result.Metrics.ObjectsLanded, 1090, 1100);
    }
}
