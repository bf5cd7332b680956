using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SocarDataLake.Deploy.Tests;

/// <summary>
/// Just enough of S3's REST protocol (path-style HEAD and PUT Object, user metadata, aws-chunked
/// bodies) on 127.0.0.1 to exercise the real AWS SDK client.
/// </summary>
internal sealed class FakeS3Server : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ConcurrentDictionary<string, (byte[] Body, Dictionary<string, string> Metadata, string? Encryption, string? KmsKeyId)> Objects { get; } = new();
    /// <summary>
    /// The lake key the zone bucket policy demands (terraform/modules/storage/policies.tf): a put with SSE-S3,
    /// another key, or aws:kms without a key (S3 would use aws/s3) gets 403; no encryption headers pass.
    /// </summary>
    public string? LakeKey { get; init; }
    public ConcurrentQueue<string> Requests { get; } = new();
    public string Url { get; }

    public FakeS3Server()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
            Requests.Enqueue($"{context.Request.HttpMethod} {path}");
            var response = context.Response;
            switch (context.Request.HttpMethod)
            {
                case "HEAD" when Objects.TryGetValue(path, out var found):
                    foreach (var (key, value) in found.Metadata) response.Headers[key] = value;
                    response.ContentLength64 = found.Body.Length;
                    response.StatusCode = 200;
                    break;
                case "HEAD":
                    response.StatusCode = 404;
                    break;
                case "PUT" when LakeKey is not null && (
                    (context.Request.Headers["x-amz-server-side-encryption"] is { } sse && sse != "aws:kms")
                    || (context.Request.Headers["x-amz-server-side-encryption-aws-kms-key-id"] is { } key && key != LakeKey)
                    || (context.Request.Headers["x-amz-server-side-encryption"] == "aws:kms" && context.Request.Headers["x-amz-server-side-encryption-aws-kms-key-id"] is null)):
                    await ReadBodyAsync(context.Request);
                    response.StatusCode = 403;
                    var denied = System.Text.Encoding.UTF8.GetBytes("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
                    response.ContentType = "application/xml";
                    await response.OutputStream.WriteAsync(denied);
                    break;
                case "PUT":
                    var body = await ReadBodyAsync(context.Request);
                    var metadata = context.Request.Headers.AllKeys.OfType<string>()
                        .Where(k => k.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
                        .ToDictionary(k => k.ToLowerInvariant(), k => context.Request.Headers[k]!);
                    Objects[path] = (body, metadata, context.Request.Headers["x-amz-server-side-encryption"], context.Request.Headers["x-amz-server-side-encryption-aws-kms-key-id"]);
                    response.Headers["ETag"] = "\"fake\"";
                    response.StatusCode = 200;
                    break;
                default:
                    response.StatusCode = 405;
                    break;
            }
            response.Close();
        }
    }

    // The SDK may send aws-chunked bodies (size line, data, ..., zero chunk, trailing checksum headers).
    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var chunked = (request.Headers["Content-Encoding"] ?? "").Contains("aws-chunked", StringComparison.Ordinal)
            || (request.Headers["x-amz-content-sha256"] ?? "").StartsWith("STREAMING-", StringComparison.Ordinal);
        return chunked ? DecodeAwsChunked(raw) : raw;
    }

    private static byte[] DecodeAwsChunked(byte[] raw)
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
        return output.ToArray();
    }

    private static int IndexOfCrLf(byte[] data, int from)
    {
        for (var i = from; i < data.Length - 1; i++)
            if (data[i] == '\r' && data[i + 1] == '\n') return i;
        throw new InvalidDataException("aws-chunked body without a line end");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
