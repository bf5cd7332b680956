using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SocarDataLake.Aws;

/// <summary>
/// AWS Signature Version 4 for header-signed requests, written from AWS's description of the algorithm:
/// canonical request → string to sign → HMAC chain of date, region, service, "aws4_request".
/// </summary>
public static class SigV4Signer
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Adds X-Amz-Date, X-Amz-Security-Token (if any), X-Amz-Content-Sha256 and Authorization.</summary>
    public static void Sign(HttpRequestMessage request, byte[] body, AwsCredentials credentials, string region, string service, DateTimeOffset now, bool addContentHash = false)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var payloadHash = Hex(SHA256.HashData(body));
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (credentials.SessionToken is { Length: > 0 } token) request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", token);
        if (addContentHash) request.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", payloadHash);

        var headers = CanonicalHeaders(request);
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            CanonicalPath(request.RequestUri!),
            CanonicalQuery(request.RequestUri!),
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            payloadHash);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var signature = Hex(HMACSHA256.HashData(SigningKey(credentials.SecretAccessKey, date, region, service), Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("Authorization", $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    public static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }

    // Host plus every header on the request and its content, lowercased, trimmed, sorted by name.
    private static SortedDictionary<string, string> CanonicalHeaders(HttpRequestMessage request)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.Headers.Host ?? request.RequestUri!.Authority,
        };
        var all = request.Headers.AsEnumerable();
        if (request.Content is not null) all = all.Concat(request.Content.Headers);
        foreach (var (name, values) in all)
        {
            var lower = name.ToLowerInvariant();
            if (lower is "authorization" or "user-agent" or "host" or "content-length") continue;
            headers[lower] = string.Join(',', values.Select(v => string.Join(' ', v.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        }
        return headers;
    }

    private static string CanonicalPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (string.IsNullOrEmpty(path)) return "/";
        return string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(Uri.UnescapeDataString(segment))));
    }

    private static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0) return "";
        return string.Join('&', query.Split('&')
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Key: Uri.EscapeDataString(Uri.UnescapeDataString(kv[0])), Value: kv.Length > 1 ? Uri.EscapeDataString(Uri.UnescapeDataString(kv[1])) : ""))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ThenBy(kv => kv.Value, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}={kv.Value}"));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
