using Amazon.S3;
using Amazon.S3.Model;
using SocarDataLake.S3;

namespace SocarDataLake.Deploy;

/// <summary>The artifacts bucket. Each object records its SHA-256 so an unchanged artifact is not sent again.</summary>
/// <param name="kmsKeyArn">
/// The lake key, named on every put. Without it no encryption headers are sent and the bucket default (the
/// lake key) applies; aws:kms without a key id would mean the AWS managed aws/s3 key ("PutObject", API
/// reference), which the lake's bucket policy refuses.
/// </param>
public sealed class S3ArtifactStore(IAmazonS3 s3, string bucket, string? kmsKeyArn = null)
{
    public Task<string?> RecordedSha256Async(string key, CancellationToken cancellationToken) =>
        RecordedSha256.ReadAsync(s3, bucket, key, cancellationToken);

    public async Task PutAsync(Artifact artifact, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = artifact.Key,
            FilePath = artifact.LocalPath,
        };
        if (kmsKeyArn is not null)
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            request.ServerSideEncryptionKeyManagementServiceKeyId = kmsKeyArn;
        }
        request.Metadata[RecordedSha256.Metadata] = artifact.Sha256Hex;
        await s3.PutObjectAsync(request, cancellationToken);
    }
}
