using System.Text.Json.Serialization;

namespace SocarDataLake.LambdaRuntime.AspNetCore;

// API Gateway HTTP API, Lambda proxy integration, payload format version 2.0 ("Create AWS Lambda proxy integrations
// for HTTP APIs in API Gateway", Amazon API Gateway Developer Guide). Header names arrive in lower case; repeated
// headers and query parameters are joined with commas; every Cookie header is split into `cookies`. Fields the
// bridge does not read are left out.

/// <summary>The request API Gateway sends.</summary>
public sealed record HttpApiRequest(
    string? Version,
    string? RawPath,
    string? RawQueryString,
    IReadOnlyList<string>? Cookies,
    IReadOnlyDictionary<string, string>? Headers,
    HttpApiRequestContext? RequestContext,
    string? Body,
    bool IsBase64Encoded);

public sealed record HttpApiRequestContext(HttpApiHttp? Http, string? RequestId, string? DomainName);

public sealed record HttpApiHttp(string? Method, string? Path, string? Protocol, string? SourceIp);

/// <summary>
/// The response API Gateway reads: format 2.0 has no multi-value headers, so repeated values are joined with commas,
/// and each Set-Cookie goes into `cookies` (a comma would break a cookie's Expires date).
/// </summary>
public sealed record HttpApiResponse(
    int StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string>? Cookies,
    string Body,
    bool IsBase64Encoded);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
public sealed partial class HttpApiJsonContext : JsonSerializerContext;
