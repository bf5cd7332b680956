using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate;

/// <summary>One run's workload, durations, faults and horizon.</summary>
public sealed record SimulationOptions
{
    public double Hours { get; init; } = 24;
    public int Seed { get; init; } = 1;
    public double UploadsPerHour { get; init; }
    public double StreamRecordsPerSecond { get; init; }
    public IReadOnlyList<Burst> Bursts { get; init; } = [];
    public (double Min, double Max) CrawlerMinutes { get; init; } = (2, 15);
    public (double Min, double Max) JobMinutes { get; init; } = (3, 30);
    public IReadOnlyDictionary<string, double> FaultRates { get; init; } = new Dictionary<string, double>();

    /// <summary>Time after the horizon with no new objects, for work in flight to finish before counting.</summary>
    public double DrainHours { get; init; } = 2;

    /// <summary>Keep a log of what happened (tests and debugging; costs time on long runs).</summary>
    public bool KeepLog { get; init; }

    public bool HasWorkload => UploadsPerHour > 0 || StreamRecordsPerSecond > 0 || Bursts.Count > 0;
}
