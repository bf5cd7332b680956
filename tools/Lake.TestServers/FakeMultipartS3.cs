using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using System.Xml.Linq;

namespace SocarDataLake.TestServers;

/// <summary>
/// Just enough of S3's REST protocol on loopback for the raw uploader (its tests and the upload benchmark) and for
/// reading Athena's results, path-style:
/// GET Object (the body with Content-Length and ETag; a missing key is 404 NoSuchKey, S3 API Reference, GetObject), HEAD and PUT Object,
/// CreateMultipartUpload, UploadPart, CompleteMultipartUpload and AbortMultipartUpload. Requests are served
/// concurrently so parallel parts overlap; each body is checked against its x-amz-checksum-sha256 (header or
/// aws-chunked trailer), as S3 does. With <see cref="LakeKey"/> set it also applies the lake's zone bucket
/// policy (terraform/modules/storage/policies.tf) to PutObject and CreateMultipartUpload: 403 AccessDenied
/// for SSE-S3, for aws:kms naming another key, and for aws:kms naming none (which S3 would encrypt under
/// aws/s3); no encryption headers (the bucket default) pass. UploadPart carries no such headers and passes.
/// ListObjectsV2 and S3's throttling answer (503 SlowDown) are in FakeMultipartS3.Listing.cs, AccessDenied and
/// ExpiredToken in FakeMultipartS3.Refusals.cs.
/// </summary>
public sealed partial class FakeMultipartS3 : IDisposable
{
    public sealed record StoredObject(byte[] Body, IReadOnlyDictionary<string, string> Metadata, string? Encryption, string? Checksum, int Parts, string? KmsKeyId = null);

    private sealed record Upload(string Key, Dictionary<string, string> Metadata, string? Encryption, string? KmsKeyId, ConcurrentDictionary<int, (byte[] Body, string? Checksum)> Parts);

    private const string SseHeader = S3Requests.EncryptionHeader;
    private const string KeyHeader = S3Requests.KmsKeyHeader;

    private readonly LoopbackListener _listener;
    private readonly ConcurrentDictionary<string, Upload> _uploads = new();
    private int _inFlightParts;

    public ConcurrentDictionary<string, StoredObject> Objects { get; } = new();
    public ConcurrentQueue<string> Requests { get; } = new();
    public int MaxConcurrentParts { get; private set; }
    /// <summary>
    /// Parts are held until this many are in flight at once (0: never held), so an uploader that sends parts one
    /// at a time shows as such; a held part goes on after ten seconds rather than hanging that uploader.
    /// </summary>
    public int HoldPartsUntilInFlight { get; init; }
    private readonly TaskCompletionSource _partsTogether = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>Part numbers answered with 403 AccessDenied (not retried by the SDK).</summary>
    public HashSet<int> RefuseParts { get; init; } = [];
    /// <summary>GET Object sends this many bytes of the body, then drops the connection.</summary>
    public int? CutGetAfterBytes { get; init; }
    /// <summary>GET Object sends this many bytes of the body, then nothing more (the connection stays open) until the fake is disposed.</summary>
    public int? StallGetAfterBytes { get; init; }
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>The lake key ARN the bucket policy demands, or null for a bucket without that policy.</summary>
    public string? LakeKey { get; init; }

    public string Url => _listener.Url;

    public FakeMultipartS3() => _listener = new LoopbackListener(ServeAsync);

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var key = Uri.UnescapeDataString(request.Url!.AbsolutePath.TrimStart('/'));
        var query = HttpUtility.ParseQueryString(request.Url.Query);
        Requests.Enqueue($"{request.HttpMethod} {key}{(query.Count > 0 ? "?" + string.Join('&', query.AllKeys.Where(k => k is not null && k != "x-id")) : "")}");
        try
        {
            if (TakeSlowDown())
            {
                await WriteXmlAsync(response, new XElement("Error", new XElement("Code", "SlowDown"), new XElement("Message", "Please reduce your request rate.")), 503);
                response.Close();
                return;
            }
            if (Refusal(request.HttpMethod, key, query["list-type"] == "2" ? query["prefix"] ?? "" : null, out var refusedWith) is { } refusal)
            {
                await WriteXmlAsync(response, refusal, refusedWith);
                response.Close();
                return;
            }
            switch (request.HttpMethod)
            {
                case "GET" when query["list-type"] == "2":
                    var (listing, status) = ListObjectsV2(key.TrimEnd('/'), query);
                    await WriteXmlAsync(response, listing, status);
                    break;
                case "HEAD" when Objects.TryGetValue(key, out var found):
                    foreach (var (name, value) in found.Metadata) response.Headers[name] = value;
                    response.ContentLength64 = found.Body.Length;
                    break;
                case "HEAD":
                    response.StatusCode = 404;
                    break;
                case "GET" when Objects.TryGetValue(key, out var stored):
                    // ETag: the MD5 of the data, which the SDK checks the body against. S3's "Common Response Headers" say an
                    // SSE-KMS object's ETag is not an MD5; how the SDK treats that is for a real bucket to show (README).
                    if (stored.Encryption is { } sse) response.Headers[SseHeader] = sse;
                    response.Headers["ETag"] = $"\"{Md5Hex(stored.Body)}\"";
                    response.ContentType = "text/csv";
                    response.ContentLength64 = stored.Body.Length;
                    if (CutGetAfterBytes is { } cut && cut < stored.Body.Length)
                    {
                        // A connection lost mid-body: the client has the headers and part of the data, then a reset.
                        await response.OutputStream.WriteAsync(stored.Body.AsMemory(0, cut));
                        await response.OutputStream.FlushAsync();
                        response.Abort();
                        return;
                    }
                    if (StallGetAfterBytes is { } stall && stall < stored.Body.Length)
                    {
                        // A stalled connection: no reset, no more bytes; only the client's own idle limit ends it.
                        await response.OutputStream.WriteAsync(stored.Body.AsMemory(0, stall));
                        await response.OutputStream.FlushAsync();
                        await _disposed.Task;
                        response.Abort();
                        return;
                    }
                    await response.OutputStream.WriteAsync(stored.Body);
                    break;
                case "GET":
                    await WriteXmlAsync(response, new XElement("Error", new XElement("Code", "NoSuchKey"), new XElement("Message", "The specified key does not exist."), new XElement("Key", key[(key.IndexOf('/') + 1)..])), 404);
                    break;
                case "POST" or "PUT" when query["uploadId"] is null && S3Requests.RefusedByZonePolicy(request.Headers, LakeKey):
                    await WriteXmlAsync(response, new XElement("Error", new XElement("Code", "AccessDenied"), new XElement("Message", "Access Denied")), 403);
                    break;
                case "POST" when query["uploadId"] is null:
                    var id = Guid.NewGuid().ToString("N");
                    _uploads[id] = new Upload(key, S3Requests.UserMetadata(request), request.Headers[SseHeader], request.Headers[KeyHeader], new());
                    await WriteXmlAsync(response, new XElement("InitiateMultipartUploadResult", new XElement("Bucket", key.Split('/')[0]), new XElement("Key", key[(key.IndexOf('/') + 1)..]), new XElement("UploadId", id)));
                    break;
                case "PUT" when query["uploadId"] is { } uploadId:
                    await PutPartAsync(request, response, uploadId, int.Parse(query["partNumber"]!, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "POST" when query["uploadId"] is { } uploadId:
                    await CompleteAsync(request, response, key, uploadId);
                    break;
                case "DELETE" when query["uploadId"] is { } uploadId:
                    _uploads.TryRemove(uploadId, out _);
                    response.StatusCode = 204;
                    break;
                case "PUT":
                    var (body, checksum) = await ReadCheckedBodyAsync(request);
                    Objects[key] = new StoredObject(body, S3Requests.UserMetadata(request), request.Headers[SseHeader], checksum, 0, request.Headers[KeyHeader]);
                    response.Headers["ETag"] = $"\"{Convert.ToHexString(SHA256.HashData(body))[..32].ToLowerInvariant()}\"";
                    break;
                default:
                    response.StatusCode = 405;
                    break;
            }
        }
        catch (InvalidDataException e)
        {
            await WriteXmlAsync(response, new XElement("Error", new XElement("Code", "BadDigest"), new XElement("Message", e.Message)), 400);
        }
        response.Close();
    }

#pragma warning disable CA5351 // S3's own ETag is an MD5: the fake must compute what the SDK checks.
    private static string Md5Hex(byte[] body) => Convert.ToHexString(MD5.HashData(body)).ToLowerInvariant();
#pragma warning restore CA5351

    private async Task PutPartAsync(HttpListenerRequest request, HttpListenerResponse response, string uploadId, int number)
    {
        var inFlight = Interlocked.Increment(ref _inFlightParts);
        lock (_uploads) MaxConcurrentParts = Math.Max(MaxConcurrentParts, inFlight);
        if (inFlight >= HoldPartsUntilInFlight) _partsTogether.TrySetResult();
        try
        {
            var (body, checksum) = await ReadCheckedBodyAsync(request);
            try { await _partsTogether.Task.WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (TimeoutException) { /* MaxConcurrentParts tells the test what happened */ }
            if (RefuseParts.Contains(number))
            {
                await WriteXmlAsync(response, new XElement("Error", new XElement("Code", "AccessDenied"), new XElement("Message", "Access Denied")), 403);
                return;
            }
            _uploads[uploadId].Parts[number] = (body, checksum);
            response.Headers["ETag"] = $"\"part-{number}\"";
            if (checksum is not null) response.Headers["x-amz-checksum-sha256"] = checksum;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlightParts);
        }
    }

    private async Task CompleteAsync(HttpListenerRequest request, HttpListenerResponse response, string key, string uploadId)
    {
        var upload = _uploads[uploadId];
        using var reader = new StreamReader(request.InputStream);
        var xml = XElement.Parse(await reader.ReadToEndAsync());
        var parts = xml.Elements().Where(e => e.Name.LocalName == "Part")
            .Select(p => (Number: int.Parse(Child(p, "PartNumber")!, System.Globalization.CultureInfo.InvariantCulture), ETag: Child(p, "ETag"), Checksum: Child(p, "ChecksumSHA256")))
            .ToList();
        if (parts.Select(p => p.Number).SequenceEqual(Enumerable.Range(1, upload.Parts.Count)) is false
            || parts.Any(p => p.ETag != $"\"part-{p.Number}\"" || p.Checksum != upload.Parts[p.Number].Checksum))
        {
            await WriteXmlAsync(response, new XElement("Error", new XElement("Code", "InvalidPart"), new XElement("Message", "parts do not match")), 400);
            return;
        }
        var body = parts.SelectMany(p => upload.Parts[p.Number].Body).ToArray();
        Objects[key] = new StoredObject(body, upload.Metadata, upload.Encryption, null, parts.Count, upload.KmsKeyId);
        _uploads.TryRemove(uploadId, out _);
        await WriteXmlAsync(response, new XElement("CompleteMultipartUploadResult", new XElement("Key", key), new XElement("ETag", $"\"multipart-{parts.Count}\"")));
    }

    public int OpenUploads => _uploads.Count;

    private static string? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static async Task WriteXmlAsync(HttpListenerResponse response, XElement xml, int status = 200)
    {
        response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(xml.ToString());
        response.ContentType = "application/xml";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    /// <summary>The body (aws-chunked decoded) and its SHA-256 checksum, refused when it does not match the one sent.</summary>
    private static async Task<(byte[] Body, string? Checksum)> ReadCheckedBodyAsync(HttpListenerRequest request)
    {
        var (body, trailers) = await S3Requests.ReadBodyAsync(request);
        var sent = request.Headers["x-amz-checksum-sha256"] ?? trailers.GetValueOrDefault("x-amz-checksum-sha256");
        if (sent is not null && sent != Convert.ToBase64String(SHA256.HashData(body)))
            throw new InvalidDataException("The SHA256 you specified did not match the calculated checksum.");
        return (body, sent);
    }

    public void Dispose()
    {
        _disposed.TrySetResult();
        _listener.Dispose();
    }
}
