using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SocarDataLake.LakeConsole.Bench;

/// <summary>
/// Calls the served console over loopback HTTP as a script would: the printed token as a Bearer token, the CSRF header
/// on what changes something. Every answer is read to its end and must be the one expected, so a fast error is never
/// timed as a page.
/// </summary>
internal sealed class ConsoleHttp(ServedDemo demo) : IDisposable
{
    // One connection, kept alive as a browser keeps it: first byte then measures the console, not a TCP handshake.
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 1 })
    {
        BaseAddress = new Uri(demo.Origin),
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private string? _csrf;

    /// <summary>Request sent to the response's headers received (Kestrel sends them with the body's first bytes).</summary>
    public async Task<double> FirstByteMsAsync(string path)
    {
        using var request = Signed(HttpMethod.Get, path);
        var sent = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var firstByte = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        return firstByte;
    }

    /// <summary>POST /api/queries, then GET /api/queries/{id} (the console waits for the end) until it is no longer running.</summary>
    public async Task<double> QueryMsAsync(string sql)
    {
        var csrf = _csrf ??= (await JsonAsync(Signed(HttpMethod.Get, "/api/session"), HttpStatusCode.OK)).GetProperty("csrf").GetString()!;
        var started = Stopwatch.GetTimestamp();
        using var post = Signed(HttpMethod.Post, "/api/queries");
        post.Headers.Add("X-Lake-Csrf", csrf);
        post.Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["sql"] = sql }), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        var id = (await JsonAsync(post, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        while (true)
        {
            var state = await JsonAsync(Signed(HttpMethod.Get, $"/api/queries/{id}?count=1&wait_seconds=60"), HttpStatusCode.OK);
            switch (state.GetProperty("state").GetString())
            {
                case "running": continue;
                case "succeeded": return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                case var other: throw new InvalidOperationException($"'{sql}' ended {other}: {state.GetProperty("error")}");
            }
        }
    }

    private HttpRequestMessage Signed(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", demo.Token);
        return request;
    }

    private async Task<JsonElement> JsonAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected)
                throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {text}");
            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }
    }

    public void Dispose() => _http.Dispose();
}
