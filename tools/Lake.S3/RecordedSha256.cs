using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace SocarDataLake.S3;

/// <summary>
/// The SHA-256 (hex) the lake records as user metadata on every object it writes, so a writer can tell whether a
/// key already holds the same content from a HEAD instead of reading the object.
/// </summary>
public static class RecordedSha256
{
    public const string Metadata = "x-amz-meta-sha256";

    /// <returns>
    /// null when no object is under the key; "" when one is but records no SHA-256 (something else wrote it), so it
    /// never equals a file's hash.
    /// </returns>
    public static async Task<string?> ReadAsync(IAmazonS3 s3, string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            return head.Metadata[Metadata] ?? "";
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
