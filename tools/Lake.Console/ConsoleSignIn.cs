namespace SocarDataLake.LakeConsole;

/// <summary>
/// How the pages sign in on AWS: the Cognito user pool's hosted sign-in domain and the browser's public client (no
/// secret). Both are public by design, since every browser sends them to Cognito; they reach the pages through the open
/// /app/config.json (<see cref="SignInConfig"/>). Null on <see cref="ConsoleOptions.SignIn"/> means the local host's
/// token link.
/// </summary>
/// <param name="AuthDomain">The hosted sign-in host, &lt;prefix&gt;.auth.&lt;region&gt;.amazoncognito.com (no scheme).</param>
/// <param name="ClientId">The browser client's id.</param>
public sealed record ConsoleSignIn(string AuthDomain, string ClientId);
