using Microsoft.AspNetCore.Http;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// Headers on every response, refusals included: scripts and styles only from the console itself (no inline script,
/// so injected markup cannot run), no framing, no sniffing of content types, no Referer carrying a page's address
/// away, and nothing kept in a shared cache.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// The policy; with a Cognito sign-in the pages may also call its token endpoint (the code exchange is a fetch from
    /// the callback page), and nothing else of it: the sign-in page itself is a navigation, which connect-src does not cover.
    /// </summary>
    public static string ContentSecurityPolicy(ConsoleSignIn? signIn) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        (signIn is null ? "connect-src 'self'; " : $"connect-src 'self' https://{signIn.AuthDomain}/oauth2/token; ") +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static Func<HttpContext, RequestDelegate, Task> For(ConsoleSignIn? signIn)
    {
        var policy = ContentSecurityPolicy(signIn);
        return (context, next) => Add(context, next, policy);
    }

    private static Task Add(HttpContext context, RequestDelegate next, string policy)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        return next(context);
    }
}
