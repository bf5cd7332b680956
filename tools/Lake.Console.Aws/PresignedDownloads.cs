using Amazon.S3;
using Amazon.S3.Model;

namespace SocarDataLake.LakeConsole.Aws;

/// <summary>
/// Presigned GET addresses of S3 objects for the browser to download itself, since a Lambda answers at most 6 MB: the
/// whole CSV of a query, the quarantine's record objects. The address names the file and its type, so the browser
/// saves it as the console would have sent it.
/// </summary>
public sealed class PresignedDownloads(IAmazonS3 s3, TimeProvider clock)
{
    /// <summary>How long an address works: long enough to start a download, short enough not to be shared.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(15);

    public async Task<Uri> AddressAsync(string bucket, string key, string contentType, string fileName)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            // From a whole second: the signature's time has whole seconds, so the address then says 900 s, not 901.
            Expires = (WholeSecond(clock.GetUtcNow()) + Validity).UtcDateTime,
            // HTTPS always, except toward an endpoint override that is plain HTTP (an emulator or a test's fake).
            Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.Ordinal) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        request.ResponseHeaderOverrides.ContentType = contentType;
        request.ResponseHeaderOverrides.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return new Uri(await s3.GetPreSignedURLAsync(request));
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));
}
