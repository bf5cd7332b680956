using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// Turns what went wrong into the status that says whose fault it is: 400 for the caller's (bad SQL, an unknown
/// dataset, a bad field: the lake's own messages), 404 and the like for what <see cref="ApiException"/> names, 413 and
/// 408 for a body Kestrel would not read whole (too large, too slow), 500 for
/// anything else, written to the console's stderr as well since no request can fix it.
/// </summary>
internal static class ApiErrors
{
    public static async Task Handle(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: nobody is left to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var (status, message) = e switch
            {
                ApiException api => (api.Status, api.Message),
                BadHttpRequestException bad => (bad.StatusCode, Refused(context, bad)),
                LakeException => (StatusCodes.Status400BadRequest, e.Message),
                // A broken contract in the lake root is no request's fault, but its message names the file and field to fix.
                ContractException => (StatusCodes.Status500InternalServerError, e.Message),
                _ => (StatusCodes.Status500InternalServerError, $"internal error: {e.GetType().Name}: {e.Message}"),
            };
            if (status == StatusCodes.Status500InternalServerError) await Console.Error.WriteLineAsync($"lake console: {context.Request.Method} {context.Request.Path}: {e}");
            // A client that stalls its body is worth a line in the log (many would be an attack), never a stack trace each.
            if (status == StatusCodes.Status408RequestTimeout) await Console.Error.WriteLineAsync($"lake console: {context.Request.Method} {context.Request.Path}: 408, {message}");
            context.Response.Headers.ContentDisposition = default;
            if (e is ApiException { RetryAfterSeconds: { } retry }) context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ApiResponses.Error(context, status, message);
        }
    }

    // Kestrel refuses a request it cannot read whole (too large, too slow, malformed framing): the caller's doing.
    private static string Refused(HttpContext context, BadHttpRequestException e) => e.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge when context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit =>
            $"the request body is over {limit:N0} bytes, the most the console reads: {context.Request.Method} {context.Request.Path} takes a small JSON body.",
        StatusCodes.Status408RequestTimeout =>
            "the request body arrived too slowly (below the server's minimum data rate), so the console stopped reading it: send the whole body at once.",
        _ => $"the request could not be read: {e.Message}",
    };
}
