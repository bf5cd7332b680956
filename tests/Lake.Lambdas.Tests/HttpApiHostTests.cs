using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocarDataLake.LambdaRuntime.AspNetCore;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>
/// An ASP.NET Core app served through the Lambda runtime loop, with API Gateway HTTP API events of payload format
/// 2.0 as the developer guide shows them ("Create AWS Lambda proxy integrations for HTTP APIs"): lower-case
/// headers with repeated values joined by commas, cookies in their own array, base64 bodies flagged by
/// isBase64Encoded. What a browser relies on: its cookies reach the app, each Set-Cookie comes back as its own
/// cookie, binary downloads survive, and a failing request does not take the function down.
/// </summary>
public sealed class HttpApiHostTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE];

    // What a host promises on every response (the console's security headers); the bridge's own answers must carry them.
    private static readonly Dictionary<string, string> HostHeaders = new() { ["X-Frame-Options"] = "DENY", ["X-Content-Type-Options"] = "nosniff" };

    internal static string Event(string method, string rawPath, string rawQuery = "", string[]? cookies = null, Dictionary<string, string>? headers = null, string? body = null, bool base64 = false, string version = "2.0")
    {
        var all = new Dictionary<string, string> { ["host"] = "abc123.execute-api.ap-south-1.amazonaws.com", ["user-agent"] = "test" };
        foreach (var (k, v) in headers ?? []) all[k] = v;
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = version,
            ["routeKey"] = "$default",
            ["rawPath"] = rawPath,
            ["rawQueryString"] = rawQuery,
            ["cookies"] = cookies,
            ["headers"] = all,
            ["requestContext"] = new Dictionary<string, object>
            {
                ["accountId"] = "123456789012",
                ["apiId"] = "abc123",
                ["domainName"] = "abc123.execute-api.ap-south-1.amazonaws.com",
                ["http"] = new Dictionary<string, string> { ["method"] = method, ["path"] = rawPath, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "203.0.113.7", ["userAgent"] = "test" },
                ["requestId"] = "gw-" + Guid.NewGuid().ToString("N"),
                ["routeKey"] = "$default",
                ["stage"] = "$default",
            },
            ["body"] = body,
            ["isBase64Encoded"] = base64,
        });
    }

    // Runs the app until the runtime has no more events (MemoryRuntimeApi then answers the documented 500).
    private static async Task<MemoryRuntimeApi> ServeAsync(params (string Id, string Event)[] events)
    {
        var runtime = new MemoryRuntimeApi();
        foreach (var (id, e) in events) runtime.Enqueue(id, e);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        Assert.True(builder.Services.UseLambdaServerInLambda(_ => null, runtime, TextWriter.Null, HostHeaders));
        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["X-Started"] = "yes";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.MapGet("/echo/{name}", (HttpContext c, string name) => Results.Text(string.Join("\n",
            $"name={name}", $"path={c.Request.Path.Value}", $"query={c.Request.QueryString}", $"a={string.Join("|", c.Request.Query["a"].ToArray())}",
            $"session={c.Request.Cookies["session"]}", $"theme={c.Request.Cookies["theme"]}", $"accept={c.Request.Headers.Accept}",
            $"ip={c.Connection.RemoteIpAddress}", $"scheme={c.Request.Scheme}", $"host={c.Request.Host}")));
        app.MapPost("/upload", async (HttpContext c) =>
        {
            using var buffer = new MemoryStream();
            await c.Request.Body.CopyToAsync(buffer);
            return Results.Text($"{buffer.Length} {Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))}");
        });
        app.MapGet("/chart.png", () => Results.Bytes(Png, "image/png"));
        app.MapGet("/login", (HttpContext c) =>
        {
            c.Response.Cookies.Append("session", "s1", new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Expires = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) });
            c.Response.Cookies.Append("theme", "dark");
            c.Response.Headers.Append("X-Multi", "a");
            c.Response.Headers.Append("X-Multi", "b");
            return Results.Text("ok");
        });
        app.MapGet("/boom", string () => throw new InvalidOperationException("the handler failed"));
        app.MapGet("/big", () => Results.Text(new string('x', 7 * 1024 * 1024)));
        app.MapGet("/stream-40mb", async (HttpContext c) =>
        {
            c.Response.ContentType = "application/json";
            var chunk = new byte[64 * 1024];
            chunk.AsSpan().Fill((byte)'x');
            for (var i = 0; i < 640; i++) await c.Response.Body.WriteAsync(chunk);
        });
        app.MapGet("/binary-4mb", () => Results.Bytes(Enumerable.Range(0, 4 * 1024 * 1024).Select(i => (byte)(i * 7)).ToArray(), "application/octet-stream"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.WaitForShutdownAsync(TestContext.Current.CancellationToken);
        await app.DisposeAsync();
        return runtime;
    }

    internal static JsonElement Response(MemoryRuntimeApi runtime, string id)
    {
        Assert.True(runtime.Responses.TryGetValue(id, out var body), $"no response for {id}; errors: {string.Join("; ", runtime.Errors.Select(e => e.Value.Message))}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Dictionary<string, string> Lines(JsonElement response) =>
        response.GetProperty("body").GetString()!.Split('\n').Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public async Task The_request_reaches_the_app_with_its_path_query_cookies_headers_and_caller()
    {
        var runtime = await ServeAsync(("r1", Event("GET", "/echo/caf%C3%A9", "a=1&a=2&b=x%20y", ["session=s1", "theme=dark"], new() { ["accept"] = "text/html,application/json" })));

        var response = Response(runtime, "r1");
        var seen = Lines(response);
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("café", seen["name"]);
        Assert.Equal("/echo/café", seen["path"]);
        Assert.Equal("?a=1&a=2&b=x%20y", seen["query"]);
        Assert.Equal("1|2", seen["a"]);
        Assert.Equal("s1", seen["session"]);
        Assert.Equal("dark", seen["theme"]);
        Assert.Equal("text/html,application/json", seen["accept"]);
        Assert.Equal("203.0.113.7", seen["ip"]);
        Assert.Equal("https", seen["scheme"]);
        Assert.Equal("abc123.execute-api.ap-south-1.amazonaws.com", seen["host"]);
    }

    [Fact]
    public async Task Each_set_cookie_comes_back_as_its_own_cookie_and_other_repeated_headers_are_joined()
    {
        var runtime = await ServeAsync(("r1", Event("GET", "/login")));

        var response = Response(runtime, "r1");
        var cookies = response.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()!).ToList();
        var headers = response.GetProperty("headers");
        Assert.Equal(2, cookies.Count);
        Assert.StartsWith("session=s1; expires=Fri, 01 Jan 2027 00:00:00 GMT", cookies[0], StringComparison.Ordinal);
        Assert.Contains("httponly", cookies[0], StringComparison.Ordinal);
        Assert.Equal("theme=dark; path=/", cookies[1]);
        Assert.DoesNotContain(headers.EnumerateObject(), h => h.Name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("a,b", headers.GetProperty("X-Multi").GetString());
        Assert.Equal("yes", headers.GetProperty("X-Started").GetString());
    }

    [Fact]
    public async Task Binary_bodies_survive_both_ways()
    {
        var upload = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        var runtime = await ServeAsync(
            ("up", Event("POST", "/upload", body: Convert.ToBase64String(upload), base64: true, headers: new() { ["content-type"] = "application/octet-stream" })),
            ("text", Event("POST", "/upload", body: "héllo", headers: new() { ["content-type"] = "text/plain" })),
            ("png", Event("GET", "/chart.png")));

        Assert.Equal($"5000 {Convert.ToHexStringLower(SHA256.HashData(upload))}", Response(runtime, "up").GetProperty("body").GetString());
        Assert.Equal($"6 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("héllo")))}", Response(runtime, "text").GetProperty("body").GetString());
        var png = Response(runtime, "png");
        Assert.True(png.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(Png, Convert.FromBase64String(png.GetProperty("body").GetString()!));
        Assert.Equal("image/png", png.GetProperty("headers").GetProperty("Content-Type").GetString());
    }

    [Fact]
    public async Task A_failing_request_is_a_500_and_the_function_keeps_serving()
    {
        var runtime = await ServeAsync(("boom", Event("GET", "/boom")), ("after", Event("GET", "/echo/x")));

        var boom = Response(runtime, "boom");
        Assert.Equal(500, boom.GetProperty("statusCode").GetInt32());
        Assert.Equal("", boom.GetProperty("body").GetString());
        Assert.Equal(200, Response(runtime, "after").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task A_response_beyond_lambdas_6_MB_is_a_500_that_says_so()
    {
        var runtime = await ServeAsync(("big", Event("GET", "/big")));

        var big = Response(runtime, "big");
        Assert.Equal(500, big.GetProperty("statusCode").GetInt32());
        Assert.Contains("at most 6 MB", big.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.True(runtime.Responses["big"].Length <= HttpApiBridge<object>.MaxResponseBytes);
    }

    [Fact]
    public async Task A_body_written_past_6_MB_is_a_500_that_says_so_with_the_hosts_headers()
    {
        var runtime = await ServeAsync(("stream", Event("GET", "/stream-40mb")), ("after", Event("GET", "/echo/x")));

        var big = Response(runtime, "stream");
        Assert.Equal(500, big.GetProperty("statusCode").GetInt32());
        Assert.Contains("at most 6 MB", big.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("DENY", big.GetProperty("headers").GetProperty("X-Frame-Options").GetString());
        Assert.Equal("nosniff", big.GetProperty("headers").GetProperty("X-Content-Type-Options").GetString());
        Assert.Equal(200, Response(runtime, "after").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task The_bridges_own_500s_carry_the_headers_the_host_promises_on_every_response()
    {
        var runtime = await ServeAsync(("boom", Event("GET", "/boom")), ("big", Event("GET", "/big")));

        foreach (var id in new[] { "boom", "big" })
        {
            var headers = Response(runtime, id).GetProperty("headers");
            Assert.Equal("DENY", headers.GetProperty("X-Frame-Options").GetString());
            Assert.Equal("nosniff", headers.GetProperty("X-Content-Type-Options").GetString());
        }
    }

    [Fact]
    public async Task A_binary_body_under_the_cap_comes_back_whole_in_base64()
    {
        var runtime = await ServeAsync(("bin", Event("GET", "/binary-4mb")));

        var bin = Response(runtime, "bin");
        Assert.Equal(200, bin.GetProperty("statusCode").GetInt32());
        Assert.True(bin.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(Enumerable.Range(0, 4 * 1024 * 1024).Select(i => (byte)(i * 7)), Convert.FromBase64String(bin.GetProperty("body").GetString()!));
    }

    [Fact]
    public async Task A_body_marked_base64_that_is_not_is_a_400_that_says_so_and_the_function_keeps_serving()
    {
        var runtime = await ServeAsync(("bad", Event("POST", "/upload", body: "not base64 at all!", base64: true)), ("after", Event("GET", "/echo/x")));

        Assert.Empty(runtime.Errors);
        var bad = Response(runtime, "bad");
        Assert.Equal(400, bad.GetProperty("statusCode").GetInt32());
        Assert.Contains("isBase64Encoded", bad.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("DENY", bad.GetProperty("headers").GetProperty("X-Frame-Options").GetString());
        Assert.Equal(200, Response(runtime, "after").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task An_event_that_is_not_payload_2_0_is_an_invocation_error_that_says_so()
    {
        var runtime = await ServeAsync(("v1", Event("GET", "/echo/x", version: "1.0")), ("after", Event("GET", "/echo/y")));

        Assert.Contains("payload_format_version to 2.0", runtime.Errors["v1"].Message, StringComparison.Ordinal);
        Assert.Equal(200, Response(runtime, "after").GetProperty("statusCode").GetInt32());
    }
}
