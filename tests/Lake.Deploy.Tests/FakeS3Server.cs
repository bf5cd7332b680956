using System.Collections.Concurrent;
using System.Net;
using System.Text;
using SocarDataLake.TestServers;

namespace SocarDataLake.Deploy.Tests;

/// <summary>
/// Just enough of S3's REST protocol (path-style HEAD and PUT Object, user metadata, aws-chunked
/// bodies) on 127.0.0.1 to exercise the real AWS SDK client.
/// </summary>
internal sealed class FakeS3Server : IDisposable
{
    private readonly LoopbackListener _listener;

    public ConcurrentDictionary<string, (byte[] Body, Dictionary<string, string> Metadata, string? Encryption, string? KmsKeyId)> Objects { get; } = new();
    /// <summary>
    /// The lake key the zone bucket policy demands (terraform/modules/storage/policies.tf): a put with SSE-S3,
    /// another key, or aws:kms without a key (S3 would use aws/s3) gets 403; no encryption headers pass.
    /// </summary>
    public string? LakeKey { get; init; }
    public ConcurrentQueue<string> Requests { get; } = new();
    public string Url => _listener.Url;

    public FakeS3Server() => _listener = new LoopbackListener(ServeAsync);

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = Uri.UnescapeDataString(request.Url!.AbsolutePath.TrimStart('/'));
        Requests.Enqueue($"{request.HttpMethod} {path}");
        var response = context.Response;
        switch (request.HttpMethod)
        {
            case "HEAD" when Objects.TryGetValue(path, out var found):
                foreach (var (key, value) in found.Metadata) response.Headers[key] = value;
                response.ContentLength64 = found.Body.Length;
                response.StatusCode = 200;
                break;
            case "HEAD":
                response.StatusCode = 404;
                break;
            case "PUT" when S3Requests.RefusedByZonePolicy(request.Headers, LakeKey):
                await S3Requests.ReadBodyAsync(request);
                response.StatusCode = 403;
                var denied = Encoding.UTF8.GetBytes("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
                response.ContentType = "application/xml";
                await response.OutputStream.WriteAsync(denied);
                break;
            case "PUT":
                var (body, _) = await S3Requests.ReadBodyAsync(request);
                Objects[path] = (body, S3Requests.UserMetadata(request), request.Headers[S3Requests.EncryptionHeader], request.Headers[S3Requests.KmsKeyHeader]);
                response.Headers["ETag"] = "\"fake\"";
                response.StatusCode = 200;
                break;
            default:
                response.StatusCode = 405;
                break;
        }
        response.Close();
    }

    public void Dispose() => _listener.Dispose();
}
