using Amazon.Runtime;
using Amazon.S3;

namespace SocarDataLake.Deploy.Tests;

public sealed class ArtifactPublisherTests
{
    private const string LakeKey = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555";

    [Fact]
    public async Task Uploads_each_artifact_under_the_lake_key_with_its_hash_and_skips_unchanged_ones_next_time()
    {
        using var server = new FakeS3Server { LakeKey = LakeKey };
        using var folder = new ArtifactFolder()
            .WithLambda("glue-trigger", "glue-trigger zip")
            .WithLambda("etl-trigger", "etl-trigger zip")
            .WithGlueArtifact("script", "etl_job", "etl_job-0123456789ab.py", "print('job')");
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test-key", "test-secret"),
            new AmazonS3Config { ServiceURL = server.Url, ForcePathStyle = true, AuthenticationRegion = "ap-south-1" });
        var publisher = new ArtifactPublisher(new S3ArtifactStore(s3, "lake-artifacts", LakeKey), TextWriter.Null);
        var set = ArtifactSet.Load(folder.Path);

        var first = await publisher.PublishAsync(set, TestContext.Current.CancellationToken);
        var second = await publisher.PublishAsync(set, TestContext.Current.CancellationToken);

        Assert.Equal((3, 0), first);
        Assert.Equal((0, 3), second);
        var sha = ArtifactFolder.Sha("glue-trigger zip");
        var stored = server.Objects[$"lake-artifacts/lambdas/glue-trigger-{sha[..12]}.zip"];
        Assert.Equal("glue-trigger zip", System.Text.Encoding.UTF8.GetString(stored.Body));
        Assert.Equal(sha, stored.Metadata["x-amz-meta-sha256"]);
        Assert.Equal(("aws:kms", LakeKey), (stored.Encryption, stored.KmsKeyId));
        Assert.Equal(3, server.Requests.Count(r => r.StartsWith("PUT ", StringComparison.Ordinal)));
    }

    // aws:kms without a key id would mean aws/s3 ("PutObject", API reference), which the bucket policy refuses:
    // without a key the store sends no encryption headers and the bucket default (the lake key) applies.
    [Fact]
    public async Task Without_a_key_no_encryption_header_is_sent_and_the_bucket_policy_accepts_the_put()
    {
        using var server = new FakeS3Server { LakeKey = LakeKey };
        using var folder = new ArtifactFolder().WithLambda("glue-trigger", "glue-trigger zip");
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test-key", "test-secret"),
            new AmazonS3Config { ServiceURL = server.Url, ForcePathStyle = true, AuthenticationRegion = "ap-south-1" });

        await new ArtifactPublisher(new S3ArtifactStore(s3, "lake-artifacts"), TextWriter.Null).PublishAsync(ArtifactSet.Load(folder.Path), TestContext.Current.CancellationToken);

        var stored = Assert.Single(server.Objects).Value;
        Assert.Equal(((string?)null, (string?)null), (stored.Encryption, stored.KmsKeyId));
    }
}
