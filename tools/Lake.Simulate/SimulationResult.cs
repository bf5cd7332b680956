using SocarDataLake.Simulate.Plan;

namespace SocarDataLake.Simulate;

/// <summary>The figures `lake simulate` prints: exactly the keys, in its order.</summary>
public sealed record SimulationMetrics(
    int ObjectsLanded,
    int ProcessedOnce,
    int ProcessedTwiceOrMore,
    int NeverProcessed,
    int DeadLetteredValid,
    int DeadLetteredPoison,
    double LatencyP50Seconds,
    double LatencyP95Seconds,
    double LatencyMaxSeconds,
    int CrawlerRuns,
    double CrawlerDpuHours,
    int JobRuns,
    double JobDpuHours,
    int LambdaInvocations,
    double CostUsdPerDay)
{
    /// <summary>Valid work lost (never processed, or its event dead-lettered) or duplicated: exit code 1.</summary>
    public bool LostOrDuplicated => NeverProcessed > 0 || ProcessedTwiceOrMore > 0 || DeadLetteredValid > 0;

    public IEnumerable<(string Key, double Value)> Pairs()
    {
        yield return ("objects_landed", ObjectsLanded);
        yield return ("processed_once", ProcessedOnce);
        yield return ("processed_twice_or_more", ProcessedTwiceOrMore);
        yield return ("never_processed", NeverProcessed);
        yield return ("dead_lettered_valid", DeadLetteredValid);
        yield return ("dead_lettered_poison", DeadLetteredPoison);
        yield return ("latency_p50_s", LatencyP50Seconds);
        yield return ("latency_p95_s", LatencyP95Seconds);
        yield return ("latency_max_s", LatencyMaxSeconds);
        yield return ("crawler_runs", CrawlerRuns);
        yield return ("crawler_dpu_hours", CrawlerDpuHours);
        yield return ("job_runs", JobRuns);
        yield return ("job_dpu_hours", JobDpuHours);
        yield return ("lambda_invocations", LambdaInvocations);
        yield return ("cost_usd_per_day", CostUsdPerDay);
    }
}

/// <summary>A finished run: its figures, the settings it ran with, and the simulated lake for inspection.</summary>
public sealed record SimulationResult(
    string Design,
    SimulationMetrics Metrics,
    IReadOnlyList<SettingLine> Settings,
    IReadOnlyList<string> Notes,
    SimulatedLake Lake,
    TimeSpan WallTime);
