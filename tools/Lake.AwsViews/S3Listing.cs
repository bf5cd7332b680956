using Amazon.S3;
using Amazon.S3.Model;
using SocarDataLake.Aws;
using SocarDataLake.Core;

namespace SocarDataLake.AwsViews;

/// <summary>
/// The objects under a prefix, page by page with ListObjectsV2: S3 returns "some or all (up to 1,000)" keys a call and
/// a NextContinuationToken while IsTruncated (Amazon S3 API Reference, ListObjectsV2). With a delimiter, keys in
/// deeper "folders" come back as CommonPrefixes and are left out.
/// </summary>
public static class S3Listing
{
    public static async Task<IReadOnlyList<S3Object>> KeysAsync(IAmazonS3 s3, string bucket, string prefix, string? delimiter, CancellationToken cancellationToken)
    {
        var objects = new List<S3Object>();
        string? token = null;
        var tokens = new PageTokens($"ListObjectsV2 of s3://{bucket}/{prefix}", "NextContinuationToken");
        try
        {
            do
            {
                var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, Delimiter = delimiter, ContinuationToken = token }, cancellationToken);
                objects.AddRange(page.S3Objects ?? []);
                token = page.IsTruncated == true ? tokens.Next(page.NextContinuationToken) : null;
            }
            while (token is not null);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw new LakeException($"s3://{bucket}: no such bucket in this account and region; check the bucket name you gave (variable or --outputs file) and --region.");
        }
        catch (AmazonS3Exception e)
        {
            throw AwsRefusal.Explain("S3", $"ListObjectsV2 of s3://{bucket}/{prefix}", $"s3:ListBucket on arn:aws:s3:::{bucket} for the prefix {prefix}", e);
        }
        catch (HttpRequestException e)
        {
            throw AwsRefusal.Unreachable("S3", $"ListObjectsV2 of s3://{bucket}/{prefix}", "AWS_ENDPOINT_URL_S3", e);
        }
        return objects.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
    }
}
