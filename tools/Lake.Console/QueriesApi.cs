using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// SQL from the browser, start-then-poll: POST starts a query and answers once the sandbox of `lake query` has let it
/// through (a refused statement is a 400 and never runs); GET reads its state and a page of rows; DELETE stops it; the
/// CSV is the whole result, not capped by the query's row limit.
/// </summary>
internal sealed class QueriesApi(ConsoleQueries queries, QueryService service)
{
    public const int DefaultLimit = 10_000;
    public const int MaxLimit = 100_000;
    public const int MaxTimeoutSeconds = 3600;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

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
        var (limit, timeout) = Limits(request.Limit, request.TimeoutSeconds);
        await Started(context, await queries.StartAsync(request.Sql, limit, timeout, new Dictionary<string, object?>()));
    }

    /// <summary>The row limit and time limit a request gives, or the defaults; out of range is the caller's mistake.</summary>
    public static (int Limit, TimeSpan Timeout) Limits(int? limit, double? timeoutSeconds)
    {
        var rows = limit ?? DefaultLimit;
        if (rows is < 0 or > MaxLimit)
            throw ApiException.BadRequest($"field 'limit' is {rows}: give 0 to {MaxLimit:N0} rows to keep for paging (the CSV download is never capped).");
        var timeout = timeoutSeconds ?? QueryService.DefaultTimeout.TotalSeconds;
        if (!(timeout > 0 && timeout <= MaxTimeoutSeconds))
            throw ApiException.BadRequest($"field 'timeout_seconds' is {timeout}: give more than 0 and at most {MaxTimeoutSeconds} seconds.");
        return (rows, TimeSpan.FromSeconds(timeout));
    }

    /// <summary>202 with the query's id and its address to poll.</summary>
    public static Task Started(HttpContext context, ConsoleQuery query)
    {
        context.Response.Headers.Location = $"/api/queries/{query.Id}";
        return ApiResponses.Json(context, new QueryStarted(query.Id), ConsoleJson.Default.QueryStarted, StatusCodes.Status202Accepted);
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
        var query = queries.Find(Id(context));
        var offset = QueryArgs.Int(context, "offset", 0, 0, int.MaxValue);
        var count = QueryArgs.Int(context, "count", 100, 0, 1000);
        // A page may wait for the end instead of asking again and again.
        var wait = QueryArgs.Int(context, "wait_seconds", 0, 0, 60);
        if (wait > 0 && query.Running)
            await Task.WhenAny(query.Completion, Task.Delay(TimeSpan.FromSeconds(wait), context.RequestAborted));
        await QueryStateJson.Write(context, query, offset, count);
    }

    private async Task Stop(HttpContext context)
    {
        var query = queries.Find(Id(context));
        query.Stop();
        // DuckDB stops at its next check, usually at once; the state says "running" if it has not yet.
        await Task.WhenAny(query.Completion, Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));
        await QueryStateJson.Write(context, query, 0, 0);
    }

    private async Task Csv(HttpContext context)
    {
        var query = queries.Find(Id(context));
        if (query.State != "succeeded")
            throw new ApiException(StatusCodes.Status409Conflict, query.Running
                ? $"query {query.Id} is still running: download its CSV once it has succeeded."
                : $"query {query.Id} {query.State}: there is no result to download; run it again.");
        if (!query.Truncated)
        {
            Attachment(context, query);
            var text = new StringBuilder().Append(ResultText.CsvLine(query.Columns ?? [])).Append('\n');
            foreach (var row in query.Page(0, int.MaxValue))
            {
                text.Append(ResultText.CsvLine(row.Select(ResultText.Text))).Append('\n');
                if (text.Length < 1 << 16) continue;
                await context.Response.WriteAsync(text.ToString(), Utf8, context.RequestAborted);
                text.Clear();
            }
            await context.Response.WriteAsync(text.ToString(), Utf8, context.RequestAborted);
            return;
        }
        await WholeResult(context, query);
    }

    // The kept rows stop at the limit, so the whole result is read again through the same sandbox, streamed as it comes:
    // DuckDB writes into a pipe on a thread of its own, the response reads from it.
    private async Task WholeResult(HttpContext context, ConsoleQuery query)
    {
        var pipe = new Pipe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var header = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producer = Task.Factory.StartNew(() =>
        {
            Exception? failure = null;
            try
            {
                using var text = new StreamWriter(pipe.Writer.AsStream(leaveOpen: true), Utf8, 1 << 16);
                service.Read(query.Sql, new QueryReading(
                    columns =>
                    {
                        text.Write(ResultText.CsvLine(columns));
                        text.Write('\n');
                        header.TrySetResult();
                    },
                    row =>
                    {
                        text.Write(ResultText.CsvLine(row.Select(ResultText.Text)));
                        text.Write('\n');
                        return true;
                    },
                    query.Timeout, null, stop.Token) { TimeoutSetting = "timeout_seconds", Parameters = query.Parameters });
            }
            catch (Exception e)
            {
                failure = e;
                header.TrySetException(e);
            }
            pipe.Writer.Complete(failure);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // Before the first byte a failure is still an error answer with its status.
            await header.Task;
            Attachment(context, query);
            await pipe.Reader.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch when (context.Response.HasStarted)
        {
            // Half a file must not look like a whole one: the download breaks off instead of ending cleanly.
            context.Abort();
        }
        finally
        {
            await stop.CancelAsync();
            await pipe.Reader.CompleteAsync();
            await producer;
        }
    }

    private static void Attachment(HttpContext context, ConsoleQuery query)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"query-{query.Id}.csv\"";
    }

    private static string Id(HttpContext context) => context.Request.RouteValues["id"] as string ?? "";
}
