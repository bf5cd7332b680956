using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SocarDataLake.LambdaRuntime.AspNetCore;

/// <summary>
/// One HTTP API event through the ASP.NET Core application and back: the payload 2.0 request becomes the features a
/// server hands the application (method, raw path and query, headers, the cookies as one Cookie header, the body
/// decoded from base64 when API Gateway says so, the caller's address), and the buffered response becomes the 2.0
/// response (Set-Cookie into `cookies`, other repeated headers joined, a body that is not UTF-8 text in base64).
/// </summary>
public sealed class HttpApiBridge<TContext>(IHttpApplication<TContext> application, JsonLogger logger) where TContext : notnull
{
    /// <summary>
    /// A synchronous invocation's response is at most 6 MB ("Lambda quotas", invocation payload); beyond it Lambda
    /// fails the invocation and the caller gets API Gateway's bare 502, so the bridge answers a 500 that says why.
    /// </summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<byte[]> HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var request = Parse(invocation.Payload);
        using var response = new InvocationResponse();
        var features = Features(request, invocation.Context.RequestId, response, cancellationToken);

        var context = application.CreateContext(features);
        Exception? failure = null;
        HttpApiResponse answer;
        try
        {
            await application.ProcessRequestAsync(context);
            answer = ToHttpApi(response, await response.FinishAsync());
        }
        catch (Exception e)
        {
            // What the application wrote before it failed is not sent: the caller gets a bare 500, as from Kestrel.
            failure = e;
            logger.Error(invocation.Context.RequestId, "request_failed", e);
            answer = new HttpApiResponse(StatusCodes.Status500InternalServerError, new Dictionary<string, string>(), null, "", false);
        }
        await response.RunCompletedAsync();
        application.DisposeContext(context, failure);

        var json = JsonSerializer.SerializeToUtf8Bytes(answer, HttpApiJsonContext.Default.HttpApiResponse);
        if (json.Length <= MaxResponseBytes) return json;
        logger.Error(invocation.Context.RequestId, "response_too_large", $"{json.Length} bytes; a Lambda response is at most {MaxResponseBytes}");
        var tooLarge = $"{{\"error\":\"the response is {json.Length:N0} bytes and a Lambda response is at most 6 MB: ask for a smaller page, or download the whole result\"}}";
        return JsonSerializer.SerializeToUtf8Bytes(
            new HttpApiResponse(StatusCodes.Status500InternalServerError, new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Cache-Control"] = "no-store" }, null, tooLarge, false),
            HttpApiJsonContext.Default.HttpApiResponse);
    }

    private static HttpApiRequest Parse(byte[] payload)
    {
        HttpApiRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(payload, HttpApiJsonContext.Default.HttpApiRequest);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the event is not an API Gateway HTTP API request: {e.Message}", e);
        }
        if (request is null || request.Version != "2.0" || request.RequestContext?.Http?.Method is null)
            throw new InvalidDataException("the event is not an API Gateway HTTP API request of payload format 2.0 (version \"2.0\" with requestContext.http.method): set the integration's payload_format_version to 2.0.");
        return request;
    }

    private static FeatureCollection Features(HttpApiRequest request, string requestId, InvocationResponse response, CancellationToken aborted)
    {
        var http = request.RequestContext!.Http!;
        var rawPath = string.IsNullOrEmpty(request.RawPath) ? "/" : request.RawPath;
        var query = string.IsNullOrEmpty(request.RawQueryString) ? "" : "?" + request.RawQueryString;
        IHeaderDictionary headers = new HeaderDictionary();
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>()) headers[name] = value;
        if (request.Cookies is { Count: > 0 } cookies) headers.Cookie = string.Join("; ", cookies);
        var body = request.Body is null ? [] : request.IsBase64Encoded ? Convert.FromBase64String(request.Body) : Encoding.UTF8.GetBytes(request.Body);
        if (body.Length > 0 && headers.ContentLength is null) headers.ContentLength = body.Length;

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = http.Protocol ?? "HTTP/1.1",
            Scheme = "https",
            Method = http.Method!,
            PathBase = "",
            Path = PathString.FromUriComponent(rawPath).Value ?? "/",
            QueryString = query,
            RawTarget = rawPath + query,
            Headers = headers,
            Body = new MemoryStream(body, writable: false),
        });
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpConnectionFeature>(new InvocationConnection(IPAddress.TryParse(http.SourceIp, out var ip) ? ip : null, requestId));
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = request.RequestContext.RequestId ?? requestId });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = aborted });
        return features;
    }

    private static HttpApiResponse ToHttpApi(InvocationResponse response, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        List<string>? cookies = null;
        foreach (var (name, values) in response.Headers)
        {
            if (string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
                (cookies ??= []).AddRange(values.OfType<string>());
            else
                headers[name] = string.Join(",", values.OfType<string>());
        }
        var text = IsText(response.Headers.ContentType) ? Utf8OrNull(body) : null;
        return text is not null
            ? new HttpApiResponse(response.StatusCode, headers, cookies, text, false)
            : new HttpApiResponse(response.StatusCode, headers, cookies, Convert.ToBase64String(body), body.Length > 0);
    }

    private static bool IsText(string? contentType) =>
        contentType is null
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase);

    private static string? Utf8OrNull(byte[] body)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
