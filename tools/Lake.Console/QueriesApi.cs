using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// SQL from the browser, start-then-poll: POST starts a query and answers once the engine has accepted it (a refused
/// statement is a 400 and never runs); GET reads its state and a page of rows; DELETE stops it; the CSV is the whole
/// result, not capped by the query's row limit. Asked with <c>Accept: application/json</c>, the CSV's endpoint answers
/// where the CSV is instead (<c>{"location": …}</c>): a page sending a bearer token must not have it follow a redirect
/// to S3, so on AWS it asks for the presigned address and goes there itself.
/// </summary>
internal sealed class QueriesApi(IQueryEngine engine)
{
    public const int DefaultLimit = 10_000;
    public const int MaxLimit = QueryStart.MaxLimit;
    public const int MaxTimeoutSeconds = QueryStart.MaxTimeoutSeconds;
    public const double MinTimeoutSeconds = 0.001;
    public const int MaxSqlChars = 100_000;

    /// <summary>
    /// The largest request body the console reads, on every endpoint. The largest legitimate one is a query of
    /// <see cref="MaxSqlChars"/> characters, each of which JSON may write as a six-byte \uXXXX escape, beside the
    /// few small fields of a request: 600,000 bytes, rounded up to 1 MiB. Kestrel refuses anything longer with 413
    /// before reading it, rather than reading up to its own 30 MB default only to refuse the SQL afterwards.
    /// </summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public void Map(WebApplication app)
    {
        app.MapPost("/api/queries", Start);
        app.MapGet("/api/queries/{id}", State);
        app.MapDelete("/api/queries/{id}", Stop);
        app.MapGet("/api/queries/{id}/csv", Csv);
    }

    private async Task Start(HttpContext context)
    {
        var request = await Body(context, ConsoleJson.Default.QueryRequest, "POST /api/queries", "{\"sql\": string, \"limit\": whole number, \"timeout_seconds\": number}");
        if (request.Sql is null) throw ApiException.BadRequest("field 'sql' is missing: give one SELECT statement, such as {\"sql\": \"SELECT count(*) FROM tripdata\"}.");
        // The text is kept with each of the last 100 queries (state, history, CSV): no real question is this long.
        if (request.Sql.Length > MaxSqlChars)
            throw ApiException.BadRequest($"field 'sql' is {request.Sql.Length:N0} characters: give at most {MaxSqlChars:N0}.");
        var (limit, timeout) = Limits(request.Limit, request.TimeoutSeconds, engine.DefaultTimeout);
        await Started(context, await engine.StartAsync(new QueryStart(request.Sql, limit, timeout, new Dictionary<string, object?>()), context.RequestAborted));
    }

    /// <summary>The row limit and time limit a request gives, or the defaults; out of range is the caller's mistake.</summary>
    public static (int Limit, TimeSpan Timeout) Limits(int? limit, double? timeoutSeconds, TimeSpan defaultTimeout)
    {
        var rows = limit ?? DefaultLimit;
        if (rows is < 0 or > MaxLimit)
            throw ApiException.BadRequest($"field 'limit' is {rows}: give 0 to {MaxLimit:N0} rows to keep for paging (the CSV download is never capped).");
        var timeout = timeoutSeconds ?? defaultTimeout.TotalSeconds;
        // Below a millisecond the time limit rounds to nothing, which the engine would refuse in the CLI's words.
        if (!(timeout >= MinTimeoutSeconds && timeout <= MaxTimeoutSeconds))
            throw ApiException.BadRequest($"field 'timeout_seconds' is {timeout}: give {MinTimeoutSeconds} to {MaxTimeoutSeconds} seconds.");
        return (rows, TimeSpan.FromSeconds(timeout));
    }

    /// <summary>202 with the query's id and its address to poll.</summary>
    public static Task Started(HttpContext context, string id)
    {
        context.Response.Headers.Location = $"/api/queries/{id}";
        return ApiResponses.Json(context, new QueryStarted(id), ConsoleJson.Default.QueryStarted, StatusCodes.Status202Accepted);
    }

    public static async Task<T> Body<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string endpoint, string shape)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted)
                ?? throw ApiException.BadRequest($"the request body is null: {endpoint} takes {shape}.");
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? $"field '{path[2..]}'" : "the body";
            throw ApiException.BadRequest($"request body line {(e.LineNumber ?? 0) + 1}: {field} is not what {endpoint} takes ({shape}; nothing else).");
        }
    }

    private async Task State(HttpContext context)
    {
        var offset = QueryArgs.Int(context, "offset", 0, 0, int.MaxValue);
        var count = QueryArgs.Int(context, "count", 100, 0, 1000);
        // A page may wait for the end instead of asking again and again.
        var wait = QueryArgs.Int(context, "wait_seconds", 0, 0, 60);
        var id = Id(context);
        await QueryStateJson.Write(context, await engine.ReadAsync(id, offset, count, TimeSpan.FromSeconds(wait), context.RequestAborted));
    }

    private async Task Stop(HttpContext context)
    {
        var id = Id(context);
        await QueryStateJson.Write(context, await engine.StopAsync(id, context.RequestAborted));
    }

    private async Task Csv(HttpContext context)
    {
        var id = Id(context);
        var query = await engine.ReadAsync(id, 0, 0, TimeSpan.Zero, context.RequestAborted);
        if (query.State != QuerySnapshot.Succeeded)
            throw new ApiException(StatusCodes.Status409Conflict, query.IsRunning
                ? $"query {query.Id} is still running: download its CSV once it has succeeded."
                : $"query {query.Id} {query.State}: there is no result to download; run it again.");
        var csv = await engine.CsvAsync(id, context.RequestAborted);
        if (WantsJson(context))
        {
            // A CSV sent from here is at this very address (the local host, whose cookie lets a plain link fetch it).
            if (csv.Content is { } unread) await unread.DisposeAsync();
            var address = csv.Location?.AbsoluteUri ?? $"/api/queries/{Uri.EscapeDataString(query.Id)}/csv";
            await ApiResponses.Json(context, new CsvLocation(address), ConsoleJson.Default.CsvLocation);
            return;
        }
        if (csv.Location is { } location)
        {
            context.Response.Redirect(location.AbsoluteUri);
            return;
        }
        await using var content = csv.Content!;
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"query-{query.Id}.csv\"";
        try
        {
            await content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch when (context.Response.HasStarted)
        {
            // Half a file must not look like a whole one: the download breaks off instead of ending cleanly.
            context.Abort();
        }
    }

    /// <summary>
    /// Asked with <c>Accept: application/json</c>: a download answers where its content is, or which files hold it,
    /// instead of sending it or redirecting (<see cref="LakeApi"/>'s quarantine download asks the same).
    /// </summary>
    internal static bool WantsJson(HttpContext context) =>
        context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    private static string Id(HttpContext context) => context.Request.RouteValues["id"] as string ?? "";
}
