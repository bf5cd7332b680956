using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SocarDataLake.Simulate;
using SocarDataLake.Simulate.Designs;
using SocarDataLake.Simulate.Plan;
using SocarDataLake.Simulate.Work;
using SocarDataLake.TestServers;

// `lake simulate` figures: the wall time of a simulated day of the 50 records/s stream on `current`; issue 12's
// three workloads (crawls 2–15 min, job runs 3–30 min) on each design; and the cost/latency curve of
// `current`'s coalescing knobs (LAKE_MIN_CRAWL_INTERVAL_SECONDS = LAKE_MIN_JOB_INTERVAL_SECONDS). Printed and
// written to <artifacts>/simulate.json.
var root = RepositoryRoot.Path;
var bench = new BenchArguments(args);
var planPath = Path.Combine(root, "artifacts", "plan-dev.json");
if (!File.Exists(planPath)) planPath = Path.Combine(root, "tests", "Lake.Simulate.Tests", "fixtures", "plan-dev.json");
Console.WriteLine($"settings from {Path.GetRelativePath(root, planPath)}");
var plan = PlanReader.Read(planPath);
var prices = Prices.Load(Path.Combine(root, "tools", "Lake.Simulate", "prices.json"));

var stream = new SimulationOptions { StreamRecordsPerSecond = 50 };
// Warm up the JIT once, then time three simulated days and keep the median.
Simulation.Run(plan, new ReconcilerDesign(), stream with { Hours = 1 }, prices);
var days = Enumerable.Range(0, 3).Select(_ =>
{
    var clock = Stopwatch.StartNew();
    Simulation.Run(plan, new ReconcilerDesign(), stream, prices);
    return clock.Elapsed.TotalSeconds;
}).Order().ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulated 24 h of the 50 records/s stream on current: {days[1]:0.00} s wall time (median of 3; goal < 10 s)"));

var workloads = new (string Name, SimulationOptions Options)[]
{
    ("100 uploads/h", new SimulationOptions { UploadsPerHour = 100 }),
    ("stream 50 records/s", stream),
    ("burst 10,000 uploads in 5 min", new SimulationOptions { Bursts = [new Burst(10_000, 60)] }),
};
var figures = new List<Dictionary<string, object>>();
foreach (var (name, options) in workloads)
    foreach (var design in Designs.All)
        figures.Add(Measure(name, design.Name, Simulation.Run(plan, design, options, prices)));

// The knobs trade latency for cost: a crawl or job run starts at most once per interval (the sweep starts it).
var curve = new List<Dictionary<string, object>>();
foreach (var minutes in new[] { 0, 15, 30, 60, 120, 240 })
{
    var knobs = plan with
    {
        Reconcile = plan.ReconcileOrSpec with
        {
            MinCrawlIntervalSeconds = new Setting<double>(minutes * 60, SettingOrigin.Design, "bench"),
            MinJobIntervalSeconds = new Setting<double>(minutes * 60, SettingOrigin.Design, "bench"),
        },
    };
    foreach (var (name, options) in workloads.Take(2))
    {
        var entry = Measure(name, $"current, min interval {minutes} min", Simulation.Run(knobs, new ReconcilerDesign(), options, prices));
        entry["min_interval_minutes"] = minutes;
        curve.Add(entry);
    }
}

// The crawl off the job's path (LAKE_JOB_WAITS_FOR_CRAWL=false) with crawls at most hourly or every six hours:
// the job interval then sets cost against latency.
var offPath = new List<Dictionary<string, object>>();
foreach (var crawlMinutes in new[] { 60, 360 })
foreach (var minutes in new[] { 0, 15, 20, 25, 30, 40 })
{
    var knobs = plan with
    {
        Reconcile = plan.ReconcileOrSpec with
        {
            JobWaitsForCrawl = new Setting<bool>(false, SettingOrigin.Design, "bench"),
            MinCrawlIntervalSeconds = new Setting<double>(crawlMinutes * 60, SettingOrigin.Design, "bench"),
            MinJobIntervalSeconds = new Setting<double>(minutes * 60, SettingOrigin.Design, "bench"),
        },
    };
    foreach (var (name, options) in workloads.Take(2))
    {
        var entry = Measure(name, $"current, crawl off path, crawls >= {crawlMinutes} min apart, runs >= {minutes} min", Simulation.Run(knobs, new ReconcilerDesign(), options, prices));
        entry["min_crawl_interval_minutes"] = crawlMinutes;
        entry["min_job_interval_minutes"] = minutes;
        offPath.Add(entry);
    }
}

bench.WriteFigures("simulate.json", new Dictionary<string, object>
{
    ["simulated_day_wall_seconds"] = days[1],
    ["plan"] = Path.GetRelativePath(root, planPath),
    ["workloads"] = figures,
    ["coalescing_curve"] = curve,
    ["crawl_off_path_curve"] = offPath,
    ["machine"] = BenchArguments.Machine,
});
return 0;

static Dictionary<string, object> Measure(string workload, string design, SimulationResult result)
{
    var m = result.Metrics;
    var discarded = result.Lake.Ledger.AsyncEventsDiscarded;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{workload,-30} {design,-28} landed {m.ObjectsLanded,6}  never {m.NeverProcessed,4}  twice {m.ProcessedTwiceOrMore,3}  DLQ valid {m.DeadLetteredValid,5}  async discarded {discarded,5}  p95 {m.LatencyP95Seconds,7:0} s  max {m.LatencyMaxSeconds,7:0} s  crawls {m.CrawlerRuns,4}  jobs {m.JobRuns,4}  λ {m.LambdaInvocations,6}  ${m.CostUsdPerDay,7:0.00}/day"));
    return new Dictionary<string, object>
    {
        ["workload"] = workload,
        ["design"] = design,
        ["figures"] = m.Pairs().ToDictionary(p => p.Key, p => (object)p.Value),
        ["async_events_discarded"] = discarded,
    };
}
