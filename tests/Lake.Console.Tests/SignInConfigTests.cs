using System.Net;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// The pages learn from /app/config.json whether to sign in at a Cognito user pool (the AWS host) or rely on the token
/// link (here, `lake serve`). Locally it says so and, like everything the local console serves, needs the token.
/// </summary>
public sealed class SignInConfigTests(ConsoleLake lake) : IDisposable
{
    private readonly ConsoleClient _client = new(lake.Console);

    [Fact]
    public async Task The_local_console_tells_the_pages_to_use_its_token_link()
    {
        using var response = await _client.GetAsync("/app/config.json");
        var json = await ConsoleClient.JsonOf(response, HttpStatusCode.OK);

        // This host has the stream generator, so the pages keep their link to /stream.
        Assert.Equal("""{"mode":"local","streamGenerator":true}""", json.GetRawText());
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        using var stranger = await _client.GetAsync("/app/config.json", signedIn: false);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
    }

    [Fact]
    public async Task The_local_csp_lets_the_pages_call_the_console_only()
    {
        using var response = await _client.GetAsync("/auth/callback");
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("""<script type="module" src="/app/callback.js">""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();
}
