using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// What the lake knows, as JSON, read through <see cref="ILakeView"/>: locally the same code `lake status`, `lake runs`
/// and `lake quarantine` print from, on AWS what their `--aws` forms read.
/// </summary>
internal sealed partial class LakeApi(ILakeView lake, ConsoleAccess access)
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
        ApiResponses.Json(context, new SessionBody(access.Csrf, lake.Name), ConsoleJson.Default.SessionBody);

    private async Task Datasets(HttpContext context) =>
        await ApiResponses.Json(context, new DatasetsBody(await lake.DatasetsAsync(context.RequestAborted)), ConsoleJson.Default.DatasetsBody);

    private async Task Runs(HttpContext context) =>
        await ApiResponses.Json(context, new RunsBody(await lake.RunsAsync(QueryArgs.Text(context, "dataset"), context.RequestAborted)), ConsoleJson.Default.RunsBody);

    private async Task Quarantine(HttpContext context)
    {
        var (dataset, run) = await Filter(context);
        var read = await lake.QuarantineAsync(dataset, run, context.RequestAborted);
        await ApiResponses.Json(context, new QuarantineBody(read.Groups, read.RecordsRead, read.RecordsReadCap, read.Truncated), ConsoleJson.Default.QuarantineBody);
    }

    /// <summary>
    /// The quarantine records exactly as the ETL stored them, one JSON object a line. Where the lake gives addresses
    /// (AWS), the browser fetches the stored objects itself: asked with <c>Accept: application/json</c> the answer is
    /// their list (<c>{"files": [{"name", "location", "bytes"}], "unlisted"}</c>); otherwise one object is a redirect to
    /// it, and several are that list with 300 Multiple Choices. Locally the records are sent from here, and the JSON
    /// list names this very address.
    /// </summary>
    private async Task QuarantineDownload(HttpContext context)
    {
        var (dataset, run) = await Filter(context);
        var name = $"{FileName($"quarantine-{dataset ?? "all"}{(run is null ? "" : "-" + run)}")}.jsonl";
        var files = await lake.QuarantineFilesAsync(dataset, run, context.RequestAborted);
        if (files is null && QueriesApi.WantsJson(context))
            files = new QuarantineFiles([new QuarantineFile(name, context.Request.Path + context.Request.QueryString, null)], 0);
        if (files is not null)
        {
            if (!QueriesApi.WantsJson(context) && files is { Files: [var only], Unlisted: 0 })
            {
                context.Response.Redirect(only.Location);
                return;
            }
            await ApiResponses.Json(context, files, ConsoleJson.Default.QuarantineFiles,
                QueriesApi.WantsJson(context) ? StatusCodes.Status200OK : StatusCodes.Status300MultipleChoices);
            return;
        }
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await foreach (var line in lake.QuarantineLinesAsync(dataset, run, context.RequestAborted))
            await context.Response.WriteAsync(line + "\n", context.RequestAborted);
    }

    // An unknown dataset is the caller's mistake (400, from the lake's own message); an unknown run is not there (404).
    private async Task<(string? Dataset, string? Run)> Filter(HttpContext context)
    {
        var dataset = QueryArgs.Text(context, "dataset");
        if (dataset is not null) await lake.CheckDatasetAsync(dataset, context.RequestAborted);
        var run = QueryArgs.Text(context, "run");
        if (run is not null && !(await lake.RunsAsync(dataset, context.RequestAborted)).Any(r => r.RunId == run))
            throw ApiException.NotFound($"no committed run '{run}'{(dataset is null ? "" : $" of {dataset}")}: GET /api/runs lists them.");
        return (dataset, run);
    }

    private static string FileName(string name) => UnsafeInFileName().Replace(name, "_");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeInFileName();
}
