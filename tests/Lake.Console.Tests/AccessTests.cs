using System.Net;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// Who gets in: only a caller holding the token (as the cookie it is exchanged for, or a Bearer header), addressing the
/// console by its own name, from its own origin, and for changes with the CSRF header too. Each guard is attacked alone:
/// the request carries everything else right.
/// </summary>
public sealed class AccessTests(ConsoleLake lake) : IDisposable
{
    private readonly ConsoleClient _client = new(lake.Console);

    private int Port => lake.Console.Port;

    [Fact]
    public async Task Without_the_token_every_page_and_endpoint_answers_401()
    {
        foreach (var path in new[] { "/", "/sql", "/dashboards", "/app/common.js", "/app/echarts.js", "/api/datasets", "/api/runs", "/api/session", "/api/quarantine/download", "/api/queries/x", "/api/dashboards" })
        {
            using var response = await _client.GetAsync(path, signedIn: false);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)response.StatusCode}");
        }
        using var post = await _client.SendAsync(HttpMethod.Post, "/api/queries", ConsoleClient.QueryBody("SELECT 1"), signedIn: false, csrf: false);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        foreach (var wrong in new Action<HttpRequestMessage>[]
        {
            r => r.Headers.Add("Cookie", $"lake_console_{Port}={lake.Console.Token[..^1]}x"),
            r => r.Headers.Add("Cookie", $"lake_console_{Port}="),
            r => r.Headers.Authorization = new("Bearer", lake.Console.Token + "x"),
            r => r.Headers.Authorization = new("Basic", lake.Console.Token),
        })
        {
            using var response = await _client.GetAsync("/api/datasets", signedIn: false, change: wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using var wrongToken = await _client.GetAsync("/?token=" + new string('A', lake.Console.Token.Length), signedIn: false);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.False(wrongToken.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_token_in_the_address_becomes_an_http_only_same_site_strict_cookie_and_leaves_the_address()
    {
        using var exchange = await _client.GetAsync($"/runs?dataset=tripdata&token={lake.Console.Token}", signedIn: false);

        Assert.Equal(HttpStatusCode.SeeOther, exchange.StatusCode);
        Assert.Equal("/runs?dataset=tripdata", exchange.Headers.Location!.OriginalString);
        var cookie = Assert.Single(exchange.Headers.GetValues("Set-Cookie"));
        var parts = cookie.Split(';', StringSplitOptions.TrimEntries);
        Assert.Equal($"lake_console_{Port}={lake.Console.Access.Session}", parts[0]);
        Assert.Contains("httponly", parts, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", parts, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/", parts, StringComparer.OrdinalIgnoreCase);
        // The cookie alone now opens the page the address named, and the API.
        using var page = await _client.GetAsync("/runs?dataset=tripdata", signedIn: false, change: r => r.Headers.Add("Cookie", parts[0]));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var bearer = await _client.GetAsync("/api/datasets", signedIn: false, change: r => r.Headers.Authorization = new("Bearer", lake.Console.Token));
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        // A path that would send the browser to another site is not kept.
        using var offsite = await _client.GetAsync($"http://127.0.0.1:{Port}//example.com/?token={lake.Console.Token}", signedIn: false);
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_cookie_holds_a_value_derived_from_the_token_never_the_token_and_the_raw_token_as_cookie_is_refused()
    {
        // Cookies are not kept apart by port: whatever the cookie holds, every other server on 127.0.0.1 receives.
        using var exchange = await _client.GetAsync($"/?token={lake.Console.Token}", signedIn: false);
        var pair = Assert.Single(exchange.Headers.GetValues("Set-Cookie")).Split(';')[0];
        var value = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];

        Assert.NotEqual(lake.Console.Token, value);
        Assert.DoesNotContain(lake.Console.Token, value, StringComparison.Ordinal);
        Assert.DoesNotContain(lake.Console.Token, Uri.UnescapeDataString(value), StringComparison.Ordinal);
        using var derived = await _client.GetAsync("/api/datasets", signedIn: false, change: r => r.Headers.Add("Cookie", pair));
        Assert.Equal(HttpStatusCode.OK, derived.StatusCode);
        using var raw = await _client.GetAsync("/api/datasets", signedIn: false, change: r => r.Headers.Add("Cookie", $"lake_console_{Port}={lake.Console.Token}"));
        Assert.Equal(HttpStatusCode.Unauthorized, raw.StatusCode);
        // What the cookie leaks is no token: it does not open the Bearer door or the address.
        using var asBearer = await _client.GetAsync("/api/datasets", signedIn: false, change: r => r.Headers.Authorization = new("Bearer", value));
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
        using var asToken = await _client.GetAsync($"/?token={Uri.EscapeDataString(value)}", signedIn: false);
        Assert.Equal(HttpStatusCode.Unauthorized, asToken.StatusCode);
    }

    [Fact]
    public async Task A_request_naming_another_host_is_refused_with_403_even_with_the_token()
    {
        foreach (var host in new[] { "evil.example", $"evil.example:{Port}", $"127.0.0.1:{Port + 1}", $"192.168.1.10:{Port}", $"localhost.evil.example:{Port}" })
        {
            using var response = await _client.GetAsync("/api/datasets", change: r => r.Headers.Host = host);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"Host {host}: {(int)response.StatusCode}");
        }
        foreach (var host in new[] { $"127.0.0.1:{Port}", $"localhost:{Port}", $"LOCALHOST:{Port}" })
        {
            using var response = await _client.GetAsync("/api/datasets", change: r => r.Headers.Host = host);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Host {host}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_request_from_another_origin_is_refused_with_403_even_with_the_token()
    {
        foreach (var origin in new[] { "http://evil.example", $"http://evil.example:{Port}", "null", $"https://127.0.0.1:{Port}", $"http://127.0.0.1:{Port + 1}" })
        {
            using var get = await _client.GetAsync("/api/datasets", change: r => r.Headers.Add("Origin", origin));
            Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET from {origin}: {(int)get.StatusCode}");
            using var post = await _client.SendAsync(HttpMethod.Post, "/api/queries", ConsoleClient.QueryBody("SELECT 1"), change: r => r.Headers.Add("Origin", origin));
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST from {origin}: {(int)post.StatusCode}");
        }
        using var own = await _client.GetAsync("/api/datasets", change: r => r.Headers.Add("Origin", $"http://localhost:{Port}"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Starting_or_stopping_a_query_without_the_csrf_header_is_refused_with_403()
    {
        var body = ConsoleClient.QueryBody("SELECT 42 AS answer");
        using var none = await _client.SendAsync(HttpMethod.Post, "/api/queries", body, csrf: false);
        using var wrong = await _client.SendAsync(HttpMethod.Post, "/api/queries", body, csrf: false, change: r => r.Headers.Add("X-Lake-Csrf", lake.Console.Token));
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("X-Lake-Csrf", await none.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var dashboard = await _client.SendAsync(HttpMethod.Post, "/api/dashboards/demo/queries/trips-per-day", "{}", csrf: false);
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);

        var id = await _client.StartQueryAsync("SELECT 42 AS answer");
        using var stop = await _client.SendAsync(HttpMethod.Delete, $"/api/queries/{id}", csrf: false);
        Assert.Equal(HttpStatusCode.Forbidden, stop.StatusCode);
        var state = await _client.FinishedAsync(id);
        Assert.Equal("succeeded", state.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_refusals_included()
    {
        var answers = new List<HttpResponseMessage>
        {
            await _client.GetAsync("/"),
            await _client.GetAsync("/app/sql.js"),
            await _client.GetAsync("/api/datasets"),
            await _client.GetAsync("/api/nothing-here"),
            await _client.GetAsync("/", signedIn: false),
            await _client.GetAsync("/", change: r => r.Headers.Host = "evil.example"),
        };
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], answers.Select(a => a.StatusCode));
        foreach (var answer in answers)
        {
            var csp = Assert.Single(answer.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
            answer.Dispose();
        }
    }

    [Fact]
    public async Task The_pages_run_no_inline_script_and_load_nothing_from_elsewhere()
    {
        var modules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in new[] { "/", "/runs", "/quarantine", "/sql", "/dashboards", "/auth/callback" })
        {
            using var response = await _client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>");
            Assert.NotEmpty(scripts);
            Assert.All(scripts, s => Assert.Matches("""^<script type="module" src="/app/[a-z]+\.js">$""", s.Value));
            // Every address is the console's own path (no scheme, no //host), and no element carries an event handler.
            Assert.DoesNotMatch("""(src|href)="(?!/(?!/))""", html);
            Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
            foreach (var module in scripts.Select(s => s.Value.Split('"')[3])) await FollowImports(module, modules);
        }
        // The charts' modules and the ECharts bundle are among them, served by the console itself.
        Assert.Contains("/app/chart-view.js", modules);
        Assert.Contains("/app/echarts.js", modules);
        Assert.Contains("/app/sign-in.js", modules);
    }

    // A module and everything it imports must be the console's own files: an import of another origin (a CDN) fails here.
    private async Task FollowImports(string module, HashSet<string> seen)
    {
        if (!seen.Add(module)) return;
        using var js = await _client.GetAsync(module);
        Assert.True(js.StatusCode == HttpStatusCode.OK, $"{module}: {(int)js.StatusCode}");
        Assert.StartsWith("text/javascript", js.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var text = await js.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        foreach (var specifier in System.Text.RegularExpressions.Regex.Matches(text, """(?:^|[;}\n])\s*(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]""").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
        {
            Assert.Matches(@"^\./[a-z-]+\.js$", specifier);
            await FollowImports("/app/" + specifier[2..], seen);
        }
    }

    public void Dispose() => _client.Dispose();
}
