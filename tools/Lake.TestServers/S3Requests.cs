using System.Collections.Specialized;
using System.Net;
using System.Text;

namespace SocarDataLake.TestServers;

/// <summary>What S3 fakes read from a request the way S3 does: the body, user metadata, the zone bucket policy.</summary>
public static class S3Requests
{
    public const string EncryptionHeader = "x-amz-server-side-encryption";
    public const string KmsKeyHeader = "x-amz-server-side-encryption-aws-kms-key-id";

    /// <summary>
    /// The body, decoded when the SDK sent it aws-chunked (size line, data, ..., a zero chunk, then trailing
    /// headers such as x-amz-checksum-sha256: https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html),
    /// with those trailers.
    /// </summary>
    public static async Task<(byte[] Body, IReadOnlyDictionary<string, string> Trailers)> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var chunked = (request.Headers["Content-Encoding"] ?? "").Contains("aws-chunked", StringComparison.Ordinal)
            || (request.Headers["x-amz-content-sha256"] ?? "").StartsWith("STREAMING-", StringComparison.Ordinal);
        return (chunked ? DecodeAwsChunked(raw, trailers) : raw, trailers);
    }

    /// <summary>The x-amz-meta-* headers, named in lower case as S3 returns them.</summary>
    public static Dictionary<string, string> UserMetadata(HttpListenerRequest request) =>
        request.Headers.AllKeys.OfType<string>().Where(k => k.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(k => k.ToLowerInvariant(), k => request.Headers[k]!);

    /// <summary>
    /// Whether the lake's zone bucket policy (terraform/modules/storage/policies.tf) denies a write with these
    /// headers: SSE-S3, aws:kms naming another key, or aws:kms naming none (S3 would use aws/s3). No encryption
    /// headers (the bucket default) pass; so does every write to a bucket without the policy (no lake key).
    /// </summary>
    public static bool RefusedByZonePolicy(NameValueCollection headers, string? lakeKey)
    {
        if (lakeKey is null) return false;
        var sse = headers[EncryptionHeader];
        var key = headers[KmsKeyHeader];
        return (sse is not null && sse != "aws:kms") || (key is not null && key != lakeKey) || (sse == "aws:kms" && key is null);
    }

    private static byte[] DecodeAwsChunked(byte[] raw, Dictionary<string, string> trailers)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (position < raw.Length)
        {
            var lineEnd = IndexOfCrLf(raw, position);
            var header = Encoding.ASCII.GetString(raw, position, lineEnd - position);
            var size = Convert.ToInt32(header.Split(';')[0], 16);
            position = lineEnd + 2;
            if (size == 0) break;
            output.Write(raw, position, size);
            position += size + 2;
        }
        foreach (var line in Encoding.ASCII.GetString(raw, position, raw.Length - position).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            if (line.Split(':', 2) is [var name, var value]) trailers[name.Trim()] = value.Trim();
        return output.ToArray();
    }

    private static int IndexOfCrLf(byte[] data, int from)
    {
        for (var i = from; i < data.Length - 1; i++)
            if (data[i] == '\r' && data[i + 1] == '\n') return i;
        throw new InvalidDataException("aws-chunked body without a line end");
    }
}
