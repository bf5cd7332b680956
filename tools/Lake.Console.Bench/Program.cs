using SocarDataLake.LakeConsole.Bench;
using SocarDataLake.TestServers;

// The console bench: first byte of every page and of the API behind it, SELECT count(*) through the API, a 100,000-point
// chart drawn in headless Chromium, and the serving process's memory, all against `lake serve` on a fresh `lake demo`
// lake. Figures are printed and written to <artifacts>/console.json. The console function's cold start on Lambda is
// measured by Lake.Lambdas.Bench (`console`), beside the hello-world bootstrap it is compared with.
var bench = new BenchArguments(args);
var quick = bench.Quick;
var work = bench.EmptyFolder("console-work");
var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];

string[] pages = ["/", "/runs", "/quarantine", "/sql", "/dashboards", "/stream"];
string[] apis = ["/app/config.json", "/api/session", "/api/datasets", "/api/runs", "/api/quarantine", "/api/dashboards", "/api/stream/rides", "/app/echarts.js", "/app/sql-editor.js"];
const string CountSql = "SELECT count(*) FROM tripdata";
const int ChartPoints = 100_000;
// The demo's ~4,000 trips, each repeated 40 minutes apart: a time column and a measure, which the console charts as a line.
var chartSql = $"SELECT t.pickup_at + to_minutes(r.i) AS pickup, t.fare_amount + r.i AS fare FROM tripdata AS t, range(40) AS r(i) LIMIT {ChartPoints}";
var (warmRounds, measuredRounds, queryRuns, chartRuns) = quick ? (2, 10, 20, 1) : (5, 50, 200, 3);

Console.WriteLine("building the demo lake (lake demo) and starting lake serve...");
var results = new Dictionary<string, object> { ["machine"] = BenchArguments.Machine, ["load_average_at_start"] = string.Join(' ', load) };
await using (var demo = await ServedDemo.StartAsync(work))
{
    var memory = new Dictionary<string, object> { ["serving_process"] = "lake serve (dotnet lake.dll), a child process; /proc/<pid>/status" };
    memory["rss_after_start_bytes"] = ProcessMemory.Of(demo.ProcessId).RssBytes;
    results["serve_start_ms"] = Math.Round(demo.StartMs, 1);

    using var http = new ConsoleHttp(demo);
    var routes = pages.Concat(apis).ToList();
    var cold = new Dictionary<string, double>();
    foreach (var route in routes) cold[route] = await http.FirstByteMsAsync(route);
    for (var i = 0; i < warmRounds; i++)
        foreach (var route in routes) await http.FirstByteMsAsync(route);
    var warm = routes.ToDictionary(r => r, _ => new List<double>());
    for (var i = 0; i < measuredRounds; i++)
        foreach (var route in routes) warm[route].Add(await http.FirstByteMsAsync(route));

    Console.WriteLine($"\nfirst byte over loopback HTTP (cold: the route's first request in a fresh `lake serve`, in this order; then median and p99 of {measuredRounds} after {warmRounds} warm-up rounds)");
    Console.WriteLine($"{"route",-22}{"cold",10}{"median",10}{"p99",10}");
    var firstByte = new List<Dictionary<string, object>>();
    foreach (var route in routes)
    {
        var (median, p99) = (Percentiles.Of(warm[route], 0.5), Percentiles.Of(warm[route], 0.99));
        Console.WriteLine($"{route,-22}{cold[route],7:F1} ms{median,7:F2} ms{p99,7:F2} ms");
        firstByte.Add(new() { ["route"] = route, ["kind"] = pages.Contains(route) ? "page" : "api", ["cold_ms"] = Math.Round(cold[route], 2), ["median_ms"] = Math.Round(median, 3), ["p99_ms"] = Math.Round(p99, 3) });
    }
    results["first_byte"] = firstByte;
    memory["rss_after_first_byte_bytes"] = ProcessMemory.Of(demo.ProcessId).RssBytes;

    var firstQuery = await http.QueryMsAsync(CountSql);
    for (var i = 0; i < 10; i++) await http.QueryMsAsync(CountSql);
    var queries = new List<double>();
    for (var i = 0; i < queryRuns; i++) queries.Add(await http.QueryMsAsync(CountSql));
    var (q50, q99) = (Percentiles.Of(queries, 0.5), Percentiles.Of(queries, 0.99));
    Console.WriteLine($"\n{CountSql}: POST /api/queries, then GET /api/queries/{{id}} until it ended");
    Console.WriteLine($"  first {firstQuery:F1} ms; p50 {q50:F2} ms, p99 {q99:F2} ms, max {queries.Max():F2} ms over {queryRuns} runs after 10 warm-up");
    results["count_query"] = new Dictionary<string, object> { ["sql"] = CountSql, ["runs"] = queryRuns, ["first_ms"] = Math.Round(firstQuery, 2), ["p50_ms"] = Math.Round(q50, 3), ["p99_ms"] = Math.Round(q99, 3), ["max_ms"] = Math.Round(queries.Max(), 3) };
    // Steady: after hundreds of requests and queries, the console keeping its last 100 queries' results.
    memory["rss_steady_after_queries_bytes"] = ProcessMemory.Of(demo.ProcessId).RssBytes;

    using (var chart = new ChartDraw(demo, Directory.CreateDirectory(Path.Combine(work, "downloads")).FullName))
    {
        var draws = new List<ChartTiming>();
        for (var i = 0; i < chartRuns; i++) draws.Add(chart.Draw(chartSql, ChartPoints));
        Console.WriteLine($"\na {ChartPoints:N0}-point chart in headless Chromium (the SQL page's modules; drawn = ECharts' 'finished' and a painted canvas): {draws[0].Reason}");
        Console.WriteLine($"{"draw",-8}{"query ran",12}{"rows fetched",14}{"chart drawn",13}{"total",11}{"painted px",12}");
        for (var i = 0; i < draws.Count; i++)
            Console.WriteLine($"{(i == 0 ? "first" : $"#{i + 1}"),-8}{draws[i].RunMs,9:F0} ms{draws[i].FetchMs,11:F0} ms{draws[i].DrawMs,10:F0} ms{draws[i].TotalMs,8:F0} ms{draws[i].PaintedPixels,12:N0}");
        results["chart"] = new Dictionary<string, object>
        {
            ["sql"] = chartSql, ["points"] = ChartPoints, ["page_rows_per_request"] = 1000,
            ["draws"] = draws.Select(d => new Dictionary<string, object> { ["query_ran_ms"] = Math.Round(d.RunMs, 1), ["rows_fetched_ms"] = Math.Round(d.FetchMs, 1), ["chart_drawn_ms"] = Math.Round(d.DrawMs, 1), ["total_ms"] = Math.Round(d.TotalMs, 1), ["painted_pixels"] = d.PaintedPixels }).ToList(),
            ["reason"] = draws[0].Reason,
        };
    }
    var end = ProcessMemory.Of(demo.ProcessId);
    memory["rss_after_chart_bytes"] = end.RssBytes;
    memory["peak_rss_bytes"] = end.PeakRssBytes;
    results["memory"] = memory;
    Console.WriteLine($"\nlake serve's memory: RSS {Measure.Mib((long)memory["rss_after_start_bytes"])} after start, {Measure.Mib((long)memory["rss_after_first_byte_bytes"])} after the first-byte rounds, "
        + $"{Measure.Mib((long)memory["rss_steady_after_queries_bytes"])} after the queries, {Measure.Mib(end.RssBytes)} after the charts; peak {Measure.Mib(end.PeakRssBytes)}");
    Console.WriteLine($"lake serve started in {demo.StartMs:F0} ms (process start to its address printed)");
}
results["load_average_at_end"] = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
Console.WriteLine($"load average (1, 5, 15 min) at start {results["load_average_at_start"]}, at end {results["load_average_at_end"]} on {Environment.ProcessorCount} cores");
bench.WriteFigures("console.json", results);
Directory.Delete(work, recursive: true);
return 0;
