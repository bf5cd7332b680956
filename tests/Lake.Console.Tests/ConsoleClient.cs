using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// Calls a running console over real HTTP, as a browser would: cookies and redirects by hand, so a test sees exactly
/// what the console sent. Signed in means carrying the cookie the token was exchanged for.
/// </summary>
internal sealed class ConsoleClient(RunningConsole console) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{console.Port}"),
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The cookie the token is exchanged for (AccessTests proves the exchange gives this very value).</summary>
    public string Cookie => $"lake_console_{console.Port}={console.Access.Session}";

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, bool signedIn = true, bool csrf = true, Action<HttpRequestMessage>? change = null) =>
        SendAsync(method, path, json, signedIn, csrf ? CsrfAsync : null, change);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, bool signedIn, Func<Task<string>>? csrf, Action<HttpRequestMessage>? change)
    {
        using var request = new HttpRequestMessage(method, path);
        if (signedIn) request.Headers.Add("Cookie", Cookie);
        if (csrf is not null && method != HttpMethod.Get) request.Headers.Add("X-Lake-Csrf", await csrf());
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        change?.Invoke(request);
        return await _http.SendAsync(request, Cancel);
    }

    public Task<HttpResponseMessage> GetAsync(string path, bool signedIn = true, Action<HttpRequestMessage>? change = null) =>
        SendAsync(HttpMethod.Get, path, null, signedIn, false, change);

    /// <summary>A signed-in GET answered once its headers are in: the body is read as the caller reads it, or never.</summary>
    public async Task<HttpResponseMessage> OpenAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", Cookie);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        return await JsonOf(response, HttpStatusCode.OK);
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} instead of {(int)expected}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Starts a query and returns its id; asserts the console accepted it.</summary>
    public async Task<string> StartQueryAsync(string sql, int? limit = null, double? timeoutSeconds = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/queries", QueryBody(sql, limit, timeoutSeconds));
        return (await JsonOf(response, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    /// <summary>The query's state once it has ended (the console waits for it: no polling loop with sleeps here).</summary>
    public async Task<JsonElement> FinishedAsync(string id, string page = "")
    {
        while (true)
        {
            var state = await GetJsonAsync($"/api/queries/{id}?wait_seconds=60{page}");
            if (state.GetProperty("state").GetString() != "running") return state;
        }
    }

    public static string QueryBody(string sql, int? limit = null, double? timeoutSeconds = null)
    {
        var fields = new Dictionary<string, object> { ["sql"] = sql };
        if (limit is not null) fields["limit"] = limit;
        if (timeoutSeconds is not null) fields["timeout_seconds"] = timeoutSeconds;
        return JsonSerializer.Serialize(fields);
    }

    private async Task<string> CsrfAsync() => (await GetJsonAsync("/api/session")).GetProperty("csrf").GetString()!;

    public void Dispose() => _http.Dispose();
}
