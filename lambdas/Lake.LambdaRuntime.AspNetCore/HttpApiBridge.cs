using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
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
public sealed class HttpApiBridge<TContext>(IHttpApplication<TContext> application, JsonLogger logger, IReadOnlyDictionary<string, string>? ownHeaders = null) where TContext : notnull
{
    /// <summary>
    /// A synchronous invocation's response is at most 6 MB ("Lambda quotas", invocation payload); beyond it Lambda
    /// fails the invocation and the caller gets API Gateway's bare 502, so the bridge answers a 500 that says why.
    /// </summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024;

    // The envelope is read by Lambda, not by a browser: only what JSON itself requires is escaped, so a body is not
    // inflated sixfold on its way out.
    private static readonly JsonWriterOptions Envelope = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>
    /// Headers on the responses the bridge makes itself (the app failed, the response is too large, the event's body
    /// is not what it claims): the app's own headers never reach those, so the host says which it promises on every
    /// response (the console's security headers).
    /// </summary>
    private readonly IReadOnlyDictionary<string, string> _ownHeaders = ownHeaders ?? new Dictionary<string, string>();

    public async Task<byte[]> HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var request = Parse(invocation.Payload);
        byte[] body;
        try
        {
            body = Body(request);
        }
        catch (FormatException)
        {
            return Own(StatusCodes.Status400BadRequest, "the request body is marked base64 (isBase64Encoded) but is not base64: send the body as base64, or unmarked");
        }
        var response = new InvocationResponse(MaxResponseBytes);
        var features = Features(request, body, invocation.Context.RequestId, response, cancellationToken);

        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context);
            await response.FinishAsync();
        }
        catch (Exception e)
        {
            // What the application wrote before it failed is not sent: the caller gets a bare 500, as from Kestrel.
            failure = e;
            logger.Error(invocation.Context.RequestId, "request_failed", e);
        }
        await response.RunCompletedAsync();
        application.DisposeContext(context, failure);

        if (failure is not null) return Own(StatusCodes.Status500InternalServerError, null);
        var json = response.Overflowed ? null : ToHttpApi(response);
        if (json is not null && json.Length <= MaxResponseBytes) return json;
        logger.Error(invocation.Context.RequestId, "response_too_large", json is null
            ? $"the body passed {MaxResponseBytes} bytes; a Lambda response is at most {MaxResponseBytes}"
            : $"{json.Length} bytes; a Lambda response is at most {MaxResponseBytes}");
        return Own(StatusCodes.Status500InternalServerError, $"the response is over {MaxResponseBytes:N0} bytes and a Lambda response is at most 6 MB: ask for a smaller page, or download the whole result");
    }

    private static byte[] Body(HttpApiRequest request) =>
        request.Body is null ? [] : request.IsBase64Encoded ? Convert.FromBase64String(request.Body) : Encoding.UTF8.GetBytes(request.Body);

    /// <summary>A response of the bridge's own: a JSON error when there is something to say, else an empty body.</summary>
    private byte[] Own(int status, string? error)
    {
        var headers = new Dictionary<string, string>(_ownHeaders, StringComparer.OrdinalIgnoreCase);
        var text = "";
        if (error is not null)
        {
            headers["Content-Type"] = "application/json";
            headers["Cache-Control"] = "no-store";
            text = JsonSerializer.Serialize(error, HttpApiJsonContext.Default.String);
            text = $"{{\"error\":{text}}}";
        }
        return JsonSerializer.SerializeToUtf8Bytes(new HttpApiResponse(status, headers, null, text, false), HttpApiJsonContext.Default.HttpApiResponse);
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

    private static FeatureCollection Features(HttpApiRequest request, byte[] body, string requestId, InvocationResponse response, CancellationToken aborted)
    {
        var http = request.RequestContext!.Http!;
        var rawPath = string.IsNullOrEmpty(request.RawPath) ? "/" : request.RawPath;
        var query = string.IsNullOrEmpty(request.RawQueryString) ? "" : "?" + request.RawQueryString;
        IHeaderDictionary headers = new HeaderDictionary();
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>()) headers[name] = value;
        if (request.Cookies is { Count: > 0 } cookies) headers.Cookie = string.Join("; ", cookies);
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

    /// <summary>
    /// The 2.0 response, written straight from the kept body: text as a JSON string, anything else base64-encoded by
    /// the writer itself, without a string of the body or of its base64 in between.
    /// </summary>
    private static byte[] ToHttpApi(InvocationResponse response)
    {
        var body = response.Body;
        var text = IsText(response.Headers.ContentType) && Utf8.IsValid(body);
        var output = new ArrayBufferWriter<byte>(body.Length + 1024);
        using (var json = new Utf8JsonWriter(output, Envelope))
        {
            json.WriteStartObject();
            json.WriteNumber("statusCode", response.StatusCode);
            json.WriteStartObject("headers");
            List<string>? cookies = null;
            foreach (var (name, values) in response.Headers)
            {
                if (string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase)) (cookies ??= []).AddRange(values.OfType<string>());
                else json.WriteString(name, string.Join(",", values.OfType<string>()));
            }
            json.WriteEndObject();
            if (cookies is not null)
            {
                json.WriteStartArray("cookies");
                foreach (var cookie in cookies) json.WriteStringValue(cookie);
                json.WriteEndArray();
            }
            if (text) json.WriteString("body", body);
            else json.WriteBase64String("body", body);
            json.WriteBoolean("isBase64Encoded", !text && body.Length > 0);
            json.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }

    private static bool IsText(string? contentType) =>
        contentType is null
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase);
}
