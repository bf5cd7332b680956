using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace SocarDataLake.LakeConsole;

/// <summary>Every answer of the API is JSON; an error is {"error": "..."} with the status that says whose fault it is.</summary>
internal static class ApiResponses
{
    public static async Task Json<T>(HttpContext context, T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    public static Task Error(HttpContext context, int status, string message) =>
        Json(context, new ErrorBody(message), ConsoleJson.Default.ErrorBody, status);
}

/// <summary>A request the console cannot answer as asked; its status and message go to the caller as they are (an adapter may throw it too).</summary>
public sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>Sent as Retry-After (seconds) with a 429: when asking again is worth it.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}
