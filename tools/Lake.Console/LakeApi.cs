using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// What the lake knows, as JSON: the same code `lake status`, `lake catalog`, `lake runs` and `lake quarantine` print
/// from (<see cref="DatasetOverview"/>, <see cref="QuarantineSummary"/>, <see cref="QuarantineReader"/>).
/// </summary>
internal sealed partial class LakeApi(LakeRoot root, ConsoleAccess access)
{
    public void Map(WebApplication app)
    {
        app.MapGet("/api/session", Session);
        app.MapGet("/api/datasets", Datasets);
        app.MapGet("/api/runs", Runs);
        app.MapGet("/api/quarantine", Quarantine);
        app.MapGet("/api/quarantine/download", QuarantineDownload);
    }

    private Task Session(HttpContext context) =>
        ApiResponses.Json(context, new SessionBody(access.Csrf, root.Path), ConsoleJson.Default.SessionBody);

    private Task Datasets(HttpContext context)
    {
        var datasets = DatasetOverview.Of(root, null).Select(d => new DatasetBody(d.Contract.Name, d.Contract, d.RawObjects, d.Pending.Count, d.Pending,
            d.ProcessedObjects, d.Runs.Count, d.RowsOut, d.RowsQuarantined, d.LastRun, d.SchemaVersions, d.IgnoredRunFiles)).ToList();
        return ApiResponses.Json(context, new DatasetsBody(datasets), ConsoleJson.Default.DatasetsBody);
    }

    private Task Runs(HttpContext context) =>
        ApiResponses.Json(context, new RunsBody(DatasetOverview.RunsOf(root, QueryArgs.Text(context, "dataset"))), ConsoleJson.Default.RunsBody);

    private Task Quarantine(HttpContext context)
    {
        var (dataset, run) = Filter(context);
        return ApiResponses.Json(context, new QuarantineBody(QuarantineSummary.Of(root, dataset, run)), ConsoleJson.Default.QuarantineBody);
    }

    /// <summary>The quarantine records exactly as the ETL stored them, one JSON object a line.</summary>
    private async Task QuarantineDownload(HttpContext context)
    {
        var (dataset, run) = Filter(context);
        var datasets = dataset is null ? root.Contracts().Select(c => c.Name).ToList() : [dataset];
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName($"quarantine-{dataset ?? "all"}{(run is null ? "" : "-" + run)}")}.jsonl\"";
        foreach (var name in datasets)
            foreach (var entry in QuarantineReader.Entries(root, name, run))
                await context.Response.WriteAsync(entry.Line + "\n", context.RequestAborted);
    }

    // An unknown dataset is the caller's mistake (400, from the lake's own message); an unknown run is not there (404).
    private (string? Dataset, string? Run) Filter(HttpContext context)
    {
        var dataset = QueryArgs.Text(context, "dataset");
        if (dataset is not null) root.Contract(dataset);
        var run = QueryArgs.Text(context, "run");
        if (run is not null && !DatasetOverview.RunsOf(root, dataset).Any(r => r.RunId == run))
            throw ApiException.NotFound($"no committed run '{run}'{(dataset is null ? "" : $" of {dataset}")}: GET /api/runs lists them.");
        return (dataset, run);
    }

    private static string FileName(string name) => UnsafeInFileName().Replace(name, "_");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeInFileName();
}
