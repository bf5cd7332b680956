using Microsoft.AspNetCore.Http;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// A request that changes something (starts or stops a query) must also carry the CSRF value in a custom header. A form
/// or image on another site can make a browser send a request, but not with a custom header, and without the cookie
/// it could not read the value from /api/session; SameSite=Strict already keeps the cookie off such requests: two
/// locks, either one enough.
/// </summary>
internal static class CsrfGuard
{
    public static Task Check(HttpContext context, RequestDelegate next, ConsoleAccess access)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)) return next(context);
        if (ConsoleAccess.Matches(context.Request.Headers[ConsoleAccess.CsrfHeader].ToString(), access.Csrf)) return next(context);
        return ApiResponses.Error(context, StatusCodes.Status403Forbidden,
            $"{method} needs the header {ConsoleAccess.CsrfHeader} with the value GET /api/session gives (field 'csrf').");
    }
}
