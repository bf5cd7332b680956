using System.Globalization;
using System.Text.Json;
using SocarDataLake.Core.Orchestration;

namespace SocarDataLake.Aws;

/// <summary>
/// DatasetState as a DynamoDB item. DynamoDB API Reference, AttributeValue: numbers travel as strings
/// ({"N":"42"}), booleans as {"BOOL":true}, strings as {"S":"..."}.
/// </summary>
internal static class StateItem
{
    public static DatasetState Read(string dataset, JsonElement item)
    {
        long N(string name) => item.TryGetProperty(name, out var a) && a.TryGetProperty("N", out var n)
            ? long.Parse(n.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0;
        bool B(string name) => item.TryGetProperty(name, out var a) && a.TryGetProperty("BOOL", out var b) && b.GetBoolean();
        string? S(string name) => item.TryGetProperty(name, out var a) && a.TryGetProperty("S", out var s) ? s.GetString() : null;
        return new DatasetState(dataset)
        {
            Version = N("v"),
            Wanted = N("wanted"),
            WantedAt = N("wanted_at"),
            CrawlCovers = N("crawl_covers"),
            CrawlStartedAt = N("crawl_started_at"),
            CrawlRunning = B("crawl_running"),
            CrawlFailures = (int)N("crawl_failures"),
            Crawled = N("crawled"),
            JobCovers = N("job_covers"),
            JobRunId = S("job_run_id"),
            JobStartedAt = N("job_started_at"),
            JobRunning = B("job_running"),
            JobFailures = (int)N("job_failures"),
            Processed = N("processed"),
        };
    }

    /// <summary>The reconciler's numbers; wanted and wanted_at belong to arrivals and are never written here.</summary>
    private static IEnumerable<(string Name, long Value)> Numbers(DatasetState s) =>
    [
        ("crawl_covers", s.CrawlCovers), ("crawl_started_at", s.CrawlStartedAt), ("crawl_failures", s.CrawlFailures), ("crawled", s.Crawled),
        ("job_covers", s.JobCovers), ("job_started_at", s.JobStartedAt), ("job_failures", s.JobFailures), ("processed", s.Processed),
    ];

    private static IEnumerable<(string Name, bool Value)> Flags(DatasetState s) => [("crawl_running", s.CrawlRunning), ("job_running", s.JobRunning)];

    public static IEnumerable<string> WrittenNames(DatasetState s) =>
        Numbers(s).Select(n => n.Name).Concat(Flags(s).Select(f => f.Name)).Concat(s.JobRunId is null ? [] : ["job_run_id"]).Append("v");

    public static string UpdateExpression(DatasetState s) =>
        "SET " + string.Join(", ", WrittenNames(s).Where(n => n != "v").Select(n => $"#{n} = :{n}")) + " ADD #v :one";

    public static void WriteValues(Utf8JsonWriter w, DatasetState s)
    {
        foreach (var (name, value) in Numbers(s)) WriteNumber(w, ":" + name, value);
        foreach (var (name, value) in Flags(s))
        {
            w.WriteStartObject(":" + name);
            w.WriteBoolean("BOOL", value);
            w.WriteEndObject();
        }
        if (s.JobRunId is { } runId)
        {
            w.WriteStartObject(":job_run_id");
            w.WriteString("S", runId);
            w.WriteEndObject();
        }
        WriteNumber(w, ":one", 1);
    }

    public static void WriteNumber(Utf8JsonWriter w, string name, long value)
    {
        w.WriteStartObject(name);
        w.WriteString("N", value.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }
}
