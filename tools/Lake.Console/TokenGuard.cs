using Microsoft.AspNetCore.Http;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// Nothing is served without the token. The address `lake serve` prints carries it once: that visit sets an HttpOnly,
/// SameSite=Strict cookie (scripts cannot read it, other sites' requests do not carry it) holding a session value
/// derived from the token (<see cref="ConsoleAccess.Session"/>), not the token itself, and redirects to the same
/// page without it, so it stays out of the address bar and history. Scripts and tools send it as a Bearer token.
/// </summary>
internal static class TokenGuard
{
    public static Task Check(HttpContext context, RequestDelegate next, ConsoleAccess access)
    {
        var request = context.Request;
        if (request.Query.TryGetValue("token", out var given))
        {
            if (!ConsoleAccess.Matches(given.ToString(), access.Token))
                return Refuse(context, "the token in the address is not this console's: open the address `lake serve` printed last.");
            context.Response.Cookies.Append(access.CookieName, access.Session, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            context.Response.Headers.Location = WithoutToken(request);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            return Task.CompletedTask;
        }
        if (ConsoleAccess.Matches(request.Cookies[access.CookieName], access.Session) || ConsoleAccess.Matches(Bearer(request), access.Token))
            return next(context);
        return Refuse(context, "not signed in: open the address `lake serve` printed (it carries the token), or send 'Authorization: Bearer <token>'.");
    }

    private static Task Refuse(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiResponses.Error(context, StatusCodes.Status401Unauthorized, message);
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
    }

    // The same page and other query parameters; a path like //example.com would redirect off the machine, so it is not kept.
    private static string WithoutToken(HttpRequest request)
    {
        var path = request.Path.Value is { Length: > 0 } p && !p.StartsWith("//", StringComparison.Ordinal) && !p.StartsWith("/\\", StringComparison.Ordinal) ? p : "/";
        var rest = QueryString.Create(request.Query.Where(q => q.Key != "token"));
        return path + rest.ToUriComponent();
    }
}
