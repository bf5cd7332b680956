using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SocarDataLake.Aws;

/// <summary>An AWS service error as its JSON protocol reports it.</summary>
public sealed class AwsServiceException(string errorCode, string message, HttpStatusCode status, string? requestId)
    : Exception($"{errorCode}: {message} (HTTP {(int)status}, request {requestId ?? "unknown"})")
{
    public string ErrorCode { get; } = errorCode;
    public HttpStatusCode Status { get; } = status;
    public string? RequestId { get; } = requestId;

    /// <summary>Throttling and server-side errors may succeed later; validation and access errors never will.</summary>
    public bool IsRetryable => Status >= HttpStatusCode.InternalServerError
        || ErrorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded"
            or "ProvisionedThroughputExceededException" or "KMSThrottlingException" or "ServiceUnavailable" or "InternalServiceException"
            or "OperationTimeoutException" or "AWS.SimpleQueueService.RequestThrottled";
}

/// <summary>
/// A signed client for AWS's JSON protocols (awsJson1_0 / awsJson1_1): POST to "/", the operation in
/// X-Amz-Target, JSON in and out. Glue and Kinesis speak 1.1, SQS speaks 1.0.
/// </summary>
public sealed class AwsJsonClient(HttpClient http, AwsCredentials credentials, string region, string service, Uri endpoint, string targetPrefix, string jsonVersion, TimeProvider clock)
{
    public string Region => region;

    public async Task<JsonDocument> CallAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-amz-json-{jsonVersion}");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{targetPrefix}.{operation}");
        SigV4Signer.Sign(request, body, credentials, region, service, clock.GetUtcNow());

        using var response = await http.SendAsync(request, cancellationToken);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        if (response.IsSuccessStatusCode)
            return JsonDocument.Parse(payload.Length == 0 ? "{}"u8.ToArray() : payload);
        throw ParseError(payload, response, requestId);
    }

    // Error bodies carry "__type" (sometimes prefixed "namespace#") and "message" or "Message";
    // some services put the type in the x-amzn-ErrorType header instead.
    private static AwsServiceException ParseError(byte[] payload, HttpResponseMessage response, string? requestId)
    {
        string? type = response.Headers.TryGetValues("x-amzn-ErrorType", out var headerTypes) ? headerTypes.FirstOrDefault() : null;
        string message = response.ReasonPhrase ?? "";
        try
        {
            using var doc = JsonDocument.Parse(payload);
            if (doc.RootElement.TryGetProperty("__type", out var t)) type = t.GetString();
            if (doc.RootElement.TryGetProperty("message", out var m) || doc.RootElement.TryGetProperty("Message", out m)) message = m.GetString() ?? message;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy or load balancer answered): keep the status line.
        }
        var code = (type ?? $"Http{(int)response.StatusCode}").Split(':')[0];
        code = code[(code.LastIndexOf('#') + 1)..];
        return new AwsServiceException(code, message, response.StatusCode, requestId);
    }

    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
