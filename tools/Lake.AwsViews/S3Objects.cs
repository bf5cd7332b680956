using Amazon.S3;
using Amazon.S3.Model;

namespace SocarDataLake.AwsViews;

/// <summary>GET Object for the views: an S3 error names the object and what the caller needs to read it.</summary>
public static class S3Objects
{
    public static async Task<GetObjectResponse> GetAsync(IAmazonS3 s3, string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
        }
        catch (AmazonS3Exception e)
        {
            // The objects are SSE-KMS under the lake key: S3 decrypts them as the caller, so a denied kms:Decrypt is also AccessDenied.
            throw AwsRefusal.Explain("S3", $"GetObject of s3://{bucket}/{key}", $"s3:GetObject on arn:aws:s3:::{bucket}/{key} and kms:Decrypt on the lake key", e);
        }
        catch (HttpRequestException e)
        {
            throw AwsRefusal.Unreachable("S3", $"GetObject of s3://{bucket}/{key}", "AWS_ENDPOINT_URL_S3", e);
        }
    }
}
