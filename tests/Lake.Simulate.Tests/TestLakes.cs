using SocarDataLake.Simulate.Designs;
using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Plan;
using SocarDataLake.Simulate.Work;
using SocarDataLake.TestServers;

namespace SocarDataLake.Simulate.Tests;

/// <summary>Simulated lakes built from the plan fixture, and the small parts model tests need.</summary>
internal static class TestLakes
{
    public static string FixturePlan => Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-dev.json");

    public static LakeSettings Plan { get; } = PlanReader.Read(FixturePlan);

    public static Prices Prices { get; } = Prices.Load(Repo.Path("tools", "Lake.Simulate", "prices.json"));

    /// <summary>A lake wired by <paramref name="design"/>, with no workload: the test lands objects itself.</summary>
    public static SimulatedLake Wired(IOrchestrationDesign design, SimulationOptions options)
    {
        var lake = new SimulatedLake(design.Settings(Plan), options with { KeepLog = true });
        design.Wire(lake);
        return lake;
    }

    /// <summary>Lands one tripdata upload at <paramref name="minute"/>; its key names it.</summary>
    public static string UploadAt(SimulatedLake lake, double minute, string name)
    {
        var key = $"tripdata/ingest_date=2026-12-01/{name}.csv";
        lake.Scheduler.At(minute * 60, () => lake.Bucket.Put("tripdata", key, valid: true));
        return key;
    }

    public static RawObject Object(SimulatedLake lake, string key) => lake.Ledger.Find(key) ?? throw new InvalidOperationException($"{key} never landed");

    public static (Scheduler Scheduler, RandomStreams Random, Faults Faults, WorkLedger Ledger) Parts(Dictionary<string, double>? faults = null)
    {
        var random = new RandomStreams(7);
        return (new Scheduler(), random, new Faults(faults ?? [], random), new WorkLedger());
    }

    public static LambdaSettings Function(string name, int retries = 2, double maxAge = 21600, bool onFailure = false) => new(
        name,
        Setting.AwsDefault(30.0, "test"),
        Setting.AwsDefault(256, "test"),
        Setting.AwsDefault<int?>(null, "test"),
        Setting.AwsDefault(retries, "test"),
        Setting.AwsDefault(maxAge, "test"),
        Setting.AwsDefault(onFailure, "test"));
}

internal static class Repo
{
    public static string Root => RepositoryRoot.Path;

    public static string Path(params string[] parts) => System.IO.Path.GetFullPath(System.IO.Path.Combine([Root, .. parts]));
}
