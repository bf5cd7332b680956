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

    /// <summary>Every header and its value, for a host that makes responses of its own (the Lambda bridge's 500s).</summary>
    public static IReadOnlyDictionary<string, string> Values(ConsoleSignIn? signIn) => new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy(signIn),
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Referrer-Policy"] = "no-referrer",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        ["Cross-Origin-Resource-Policy"] = "same-origin",
        ["Cache-Control"] = "no-store",
    };

    public static Func<HttpContext, RequestDelegate, Task> For(ConsoleSignIn? signIn)
    {
        var values = Values(signIn);
        return (context, next) =>
        {
            foreach (var (name, value) in values) context.Response.Headers[name] = value;
            return next(context);
        };
    }
}
