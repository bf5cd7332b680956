using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SocarDataLake.LambdaRuntime;

/// <summary>
/// The four calls of the Lambda Runtime API (version 2018-06-01): next invocation, response,
/// invocation error, init error. Written from AWS's documentation of that API.
/// </summary>
public sealed class RuntimeApiClient : IRuntimeApi, IDisposable
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private readonly HttpClient _http;

    public RuntimeApiClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"),
            // /next blocks until an event arrives, which may be much later: it must never time out.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken);
        EnsureAccepted(response, "invocation/next");
        var headers = response.Headers;
        var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException(response.StatusCode, "invocation/next returned no Lambda-Runtime-Aws-Request-Id");
        var deadlineMs = long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
        var context = new InvocationContext(
            requestId,
            DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Header(headers, "Lambda-Runtime-Invoked-Function-Arn") ?? "",
            Header(headers, "Lambda-Runtime-Trace-Id"));
        return new Invocation(context, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public async Task RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
        EnsureAccepted(response, "invocation/response");
    }

    public Task ReportInvocationErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken) =>
        PostErrorAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", exception, cancellationToken);

    public Task ReportInitErrorAsync(Exception exception, CancellationToken cancellationToken) =>
        PostErrorAsync("init/error", exception, cancellationToken);

    private async Task PostErrorAsync(string path, Exception exception, CancellationToken cancellationToken)
    {
        var body = ErrorBody.From(exception);
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, RuntimeJsonContext.Default.ErrorBody));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, "Unhandled." + body.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken);
        EnsureAccepted(response, path);
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // 4xx means our request was wrong (e.g. a response too large); 500 means the runtime must exit.
    private static void EnsureAccepted(HttpResponseMessage response, string call)
    {
        if (response.IsSuccessStatusCode) return;
        throw new RuntimeApiException(response.StatusCode, $"Runtime API {call} answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    public void Dispose() => _http.Dispose();
}

public sealed class RuntimeApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The Runtime API documents 500 as "non-recoverable state: the runtime should exit promptly".</summary>
    public bool IsFatal => Status == HttpStatusCode.InternalServerError;
}
