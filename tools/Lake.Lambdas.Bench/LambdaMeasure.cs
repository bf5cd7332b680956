using System.Diagnostics;
using System.Text.Json;
using SocarDataLake.TestServers;

namespace SocarDataLake.Lambdas.Bench;

internal static class LambdaMeasure
{
    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    /// <summary>Process start to the first response posted to the Runtime API, median of fresh processes.</summary>
    public static double ColdStartMs(FunctionUnderTest function, int runs)
    {
        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            using var runtime = new FakeRuntimeApi();
            using var aws = FunctionUnderTest.FakeAws();
            runtime.Enqueue("cold", function.Event);
            var started = Stopwatch.GetTimestamp();
            using var process = function.Start(runtime, aws);
            runtime.WaitForAnswersAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            if (!runtime.Timings.TryGetValue("cold", out var timing) || timing.Answered == 0)
                throw new InvalidOperationException($"{function.Name} did not answer its first invocation");
            Succeeded(function, runtime, "cold");
            if (i > 0) samples.Add(Ms(started, timing.Answered)); // the first run warms the page cache
            runtime.CloseWhenDrained();
            if (!process.WaitForExit(10_000)) process.Kill();
        }
        return Percentile(samples, 0.5);
    }

    /// <summary>Invocations into one warm process: handler latency percentiles and the process's peak RSS.</summary>
    public static async Task<(double P50, double P99, long PeakRss)> WarmAsync(FunctionUnderTest function, int invocations)
    {
        using var runtime = new FakeRuntimeApi();
        using var aws = FunctionUnderTest.FakeAws();
        for (var i = 0; i < invocations; i++) runtime.Enqueue($"warm-{i}", function.Event);
        using var process = function.Start(runtime, aws);
        await runtime.WaitForAnswersAsync(TimeSpan.FromSeconds(120));
        var peak = ProcessMemory.Of(process.Id).PeakRssBytes;
        runtime.CloseWhenDrained();
        if (!process.WaitForExit(10_000)) process.Kill();
        var latencies = runtime.Timings.Where(t => t.Key != "warm-0" && t.Value.Answered > 0).Select(t => Ms(t.Value.HandedOut, t.Value.Answered)).ToList();
        if (latencies.Count < invocations - 1) throw new InvalidOperationException($"{function.Name} answered {latencies.Count + 1} of {invocations} invocations");
        return (Percentile(latencies, 0.5), Percentile(latencies, 0.99), peak);
    }

    // A failure answered fast is no cold start: an error posted, or an HTTP API response that is not a success.
    private static void Succeeded(FunctionUnderTest function, FakeRuntimeApi runtime, string id)
    {
        if (runtime.Errors.TryGetValue(id, out var error))
            throw new InvalidOperationException($"{function.Name} answered its invocation with an error {error.ErrorType}: {error.Body}");
        if (!runtime.Responses.TryGetValue(id, out var body) || !body.TrimStart().StartsWith('{')) return;
        using var response = JsonDocument.Parse(body);
        if (response.RootElement.TryGetProperty("statusCode", out var status) && status.GetInt32() >= 400)
            throw new InvalidOperationException($"{function.Name} answered HTTP {status.GetInt32()}: {body}");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
