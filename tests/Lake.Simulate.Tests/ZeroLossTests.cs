using SocarDataLake.Simulate.Designs;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Tests;

/// <summary>
/// Issue 12's promise on `current`: whatever the durations (crawls 2–15 min, job runs 3–30 min) and the faults,
/// every valid object is processed exactly once and neither it nor a reconcile event reaches a DLQ, for 30
/// seeds of each workload and fault mix (10 of the 10,000-upload burst, the slow one). Each mix turns on one
/// fault at a rate well above what AWS shows, for four hours of traffic; "all" turns on every fault at half
/// that rate. At the full rates all at once, about one batch in 10^4 fails five receives in a row (p^5 with p
/// near 0.15) and SQS moves it to its DLQ, as redrive is meant to: `lake redrive` returns it.
/// </summary>
public sealed class ZeroLossTests
{
    private static int Seeds(string workload) => workload == "burst" ? 10 : 30;

    private static readonly Dictionary<string, double> Rates = new()
    {
        ["glue-job"] = 0.05,
        ["crawler"] = 0.1,
        ["lambda"] = 0.05,
        ["throttle"] = 0.05,
        ["s3-event-duplicate"] = 0.1,
        ["glue-event-lost"] = 0.1,
        ["glue-event-duplicate"] = 0.1,
        ["dynamodb-throttle"] = 0.05,
        ["eventbridge-delivery"] = 0.1,
        ["reconcile-race"] = 0.1,
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var workload in new[] { "uploads", "stream", "burst" })
            foreach (var mix in Rates.Keys.Prepend("none").Append("all"))
                cases.Add(workload, mix);
        return cases;
    }

    private static SimulationOptions Options(string workload, string mix, int seed)
    {
        var options = new SimulationOptions
        {
            Seed = seed,
            Hours = 4,
            DrainHours = 4,
            FaultRates = mix switch
            {
                "none" => new Dictionary<string, double>(),
                "all" => Rates.ToDictionary(r => r.Key, r => r.Value / 2),
                _ => new Dictionary<string, double> { [mix] = Rates[mix] },
            },
        };
        return workload switch
        {
            "uploads" => options with { UploadsPerHour = 100 },
            "stream" => options with { StreamRecordsPerSecond = 50 },
            _ => options with { Bursts = [new Burst(10_000, 60)] },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nothing_valid_is_lost_duplicated_or_dead_lettered(string workload, string mix)
    {
        var failures = new List<string>();
        for (var seed = 1; seed <= Seeds(workload); seed++)
        {
            var result = Simulation.Run(TestLakes.Plan, new ReconcilerDesign(), Options(workload, mix, seed), TestLakes.Prices);
            var m = result.Metrics;
            if (m.LostOrDuplicated || m.ObjectsLanded == 0 || result.Lake.Ledger.ReconcileEventsDeadLettered > 0)
                failures.Add($"seed {seed}: landed {m.ObjectsLanded}, never {m.NeverProcessed}, twice {m.ProcessedTwiceOrMore}, DLQ valid {m.DeadLetteredValid}, reconcile DLQ {result.Lake.Ledger.ReconcileEventsDeadLettered}");
        }
        Assert.True(failures.Count == 0, $"{workload} with {mix}: {string.Join("; ", failures)}");
    }
}
