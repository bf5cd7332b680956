using Microsoft.AspNetCore.Http;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// Only requests addressed to this console by name get through. A web page can make a browser resolve its own domain
/// to 127.0.0.1 (DNS rebinding) and then read the answers as same-origin: its requests carry that domain in Host, so
/// Host must be 127.0.0.1:&lt;port&gt; or localhost:&lt;port&gt;. A browser sends Origin with cross-origin requests
/// (and with same-origin POSTs); one that names another origin is refused.
/// </summary>
internal static class HostGuard
{
    public static Task Check(HttpContext context, RequestDelegate next, ConsoleAccess access)
    {
        var host = context.Request.Headers.Host.ToString();
        if (!Allowed(host, "", access.Port))
            return ApiResponses.Error(context, StatusCodes.Status403Forbidden, $"Host '{host}' is not this console: open it at 127.0.0.1:{access.Port} or localhost:{access.Port}.");
        var origins = context.Request.Headers.Origin;
        if (origins.Count > 0 && !(origins.Count == 1 && Allowed(origins.ToString(), "http://", access.Port)))
            return ApiResponses.Error(context, StatusCodes.Status403Forbidden, $"Origin '{origins}' is not this console: requests from other sites are refused.");
        return next(context);
    }

    private static readonly string[] Names = ["127.0.0.1", "localhost"];

    // On port 80 a browser leaves the port out of both headers.
    private static bool Allowed(string value, string scheme, int port) =>
        port > 0 && Names.Any(name =>
            string.Equals(value, $"{scheme}{name}:{port}", StringComparison.OrdinalIgnoreCase) ||
            (port == 80 && string.Equals(value, $"{scheme}{name}", StringComparison.OrdinalIgnoreCase)));
}
