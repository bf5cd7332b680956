namespace SocarDataLake.LakeConsole;

/// <summary>How a host runs the console.</summary>
public sealed class ConsoleOptions
{
    /// <summary>
    /// True on the local host: nothing is served without the printed token, and Host and Origin must name this console
    /// (TokenGuard, HostGuard). False only behind an authorizer that checked the caller before the request came in:
    /// on AWS, API Gateway's JWT authorizer on the Cognito user pool, and Host is then API Gateway's own name. CSRF
    /// checks and the security headers stay on either way: a signed-in browser can still be made to send a request.
    /// </summary>
    public bool RequireToken { get; init; } = true;

    /// <summary>
    /// The CSRF value pages read from /api/session and send back, or null for a new random one. On AWS every instance
    /// of the function must agree on it (a page may read it from one and post to another), so that host gives it.
    /// </summary>
    public string? Csrf { get; init; }

    /// <summary>The Cognito sign-in the pages use on AWS (sign-in.js), or null on the local host (its token link).</summary>
    public ConsoleSignIn? SignIn { get; init; }

    /// <summary>The folder of dashboards/*.json files, or null for none.</summary>
    public string? Dashboards { get; init; }
}
