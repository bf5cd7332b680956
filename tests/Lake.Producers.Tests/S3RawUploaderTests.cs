using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using SocarDataLake.Core.Zones;
using SocarDataLake.Producers.Upload;

namespace SocarDataLake.Producers.Tests;

public sealed class S3RawUploaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("upload-test-").FullName;
    private static readonly DateOnly Today = new(2026, 3, 14);
    private const string LakeKey = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555";

    private string File(string name, int bytes, int seed = 1)
    {
        var data = new byte[bytes];
        new Random(seed).NextBytes(data);
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, data);
        return path;
    }

    private static AmazonS3Client Client(FakeMultipartS3 s3) =>
        new(new BasicAWSCredentials("AKIDTEST", "secret"), new AmazonS3Config { ServiceURL = s3.Url, ForcePathStyle = true, AuthenticationRegion = "ap-south-1", MaxErrorRetry = 0 });

    private static string Hex(string file) => Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(file))).ToLowerInvariant();

    private sealed class Total : IProgress<long>
    {
        public long Bytes;
        public void Report(long value) => Interlocked.Add(ref Bytes, value);
    }

    [Fact]
    public async Task A_large_file_goes_up_in_8_MiB_parts_several_at_once_each_checksummed_then_completes_whole()
    {
        using var s3 = new FakeMultipartS3 { LakeKey = LakeKey, HoldPartsUntilInFlight = 2 };
        using var client = Client(s3);
        var file = File("rides-big.jsonl", 20 * 1024 * 1024 + 123);
        var progress = new Total();

        var result = await new S3RawUploader(client, "lake-raw", new UploadOptions(), LakeKey).UploadAsync(file, RawKey.For("rides", Today, "rides-big.jsonl"), progress, TestContext.Current.CancellationToken);

        Assert.Equal(("rides/ingest_date=2026-03-14/rides-big.jsonl", 3, false), (result.Key, result.Parts, result.Skipped));
        var stored = s3.Objects["lake-raw/rides/ingest_date=2026-03-14/rides-big.jsonl"];
        Assert.Equal(System.IO.File.ReadAllBytes(file), stored.Body);
        Assert.Equal(3, stored.Parts);
        Assert.Equal(Hex(file), stored.Metadata[S3RawUploader.ShaMetadata]);
        Assert.Equal(("aws:kms", LakeKey), (stored.Encryption, stored.KmsKeyId));
        Assert.True(s3.MaxConcurrentParts >= 2, $"parts went one at a time (max {s3.MaxConcurrentParts} at once)");
        Assert.Equal(new FileInfo(file).Length, progress.Bytes);
        Assert.Equal(0, s3.OpenUploads);
    }

    [Fact]
    public async Task A_small_file_is_one_put_with_its_sha256_checked_by_s3_and_recorded_as_metadata()
    {
        using var s3 = new FakeMultipartS3 { LakeKey = LakeKey };
        using var client = Client(s3);
        var file = File("small.jsonl", 100_000);

        var result = await new S3RawUploader(client, "lake-raw", new UploadOptions(), LakeKey).UploadAsync(file, RawKey.For("rides", Today, "small.jsonl"), new Total(), TestContext.Current.CancellationToken);

        var stored = s3.Objects["lake-raw/" + result.Key];
        Assert.Equal((1, 0), (result.Parts, stored.Parts));
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(System.IO.File.ReadAllBytes(file))), stored.Checksum);
        Assert.Equal(Hex(file), stored.Metadata[S3RawUploader.ShaMetadata]);
        Assert.Equal(("aws:kms", LakeKey), (stored.Encryption, stored.KmsKeyId));
    }

    // aws:kms without a key id would be encrypted under aws/s3 ("PutObject", API reference), which the lake's
    // bucket policy refuses; with no key given the uploader leaves encryption to the bucket default instead.
    [Theory]
    [InlineData(100_000)]
    [InlineData(17 * 1024 * 1024)]
    public async Task Without_a_key_no_encryption_header_is_sent_so_the_bucket_default_applies_and_the_policy_accepts_it(int bytes)
    {
        using var s3 = new FakeMultipartS3 { LakeKey = LakeKey };
        using var client = Client(s3);
        var file = File("plain.jsonl", bytes);

        var result = await new S3RawUploader(client, "lake-raw", new UploadOptions()).UploadAsync(file, RawKey.For("rides", Today, "plain.jsonl"), new Total(), TestContext.Current.CancellationToken);

        var stored = s3.Objects["lake-raw/" + result.Key];
        Assert.Equal(((string?)null, (string?)null), (stored.Encryption, stored.KmsKeyId));
    }

    [Fact]
    public async Task A_key_other_than_the_lake_key_is_refused_by_the_bucket_policy_before_any_part_is_sent()
    {
        using var s3 = new FakeMultipartS3 { LakeKey = LakeKey };
        using var client = Client(s3);
        var file = File("big.jsonl", 17 * 1024 * 1024);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => new S3RawUploader(client, "lake-raw", new UploadOptions(), LakeKey.Replace("1111", "9999"))
            .UploadAsync(file, RawKey.For("rides", Today, "big.jsonl"), new Total(), TestContext.Current.CancellationToken));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.DoesNotContain(s3.Requests, r => r.Contains("partNumber", StringComparison.Ordinal));
        Assert.Empty(s3.Objects);
    }

    [Fact]
    public async Task The_same_content_again_is_skipped_and_other_content_under_the_name_gets_its_hash_in_the_name()
    {
        using var s3 = new FakeMultipartS3();
        using var client = Client(s3);
        var uploader = new S3RawUploader(client, "lake-raw", new UploadOptions());
        var key = RawKey.For("rides", Today, "rides.jsonl");
        var first = File("rides.jsonl", 1000, seed: 1);
        await uploader.UploadAsync(first, key, new Total(), TestContext.Current.CancellationToken);

        var again = await uploader.UploadAsync(first, key, new Total(), TestContext.Current.CancellationToken);
        var other = File("other/rides.jsonl".Replace('/', '-'), 1000, seed: 2);
        var changed = await uploader.UploadAsync(other, key, new Total(), TestContext.Current.CancellationToken);

        Assert.True(again.Skipped);
        Assert.Equal($"rides/ingest_date=2026-03-14/rides-{Hex(other)[..8]}.jsonl", changed.Key);
        Assert.Equal(2, s3.Objects.Count);
    }

    // An object that records no SHA-256 was written by something else: its content is unknown, so it is neither
    // taken as this file nor overwritten.
    [Fact]
    public async Task An_object_without_a_recorded_sha256_under_the_name_is_kept_and_the_file_lands_beside_it()
    {
        using var s3 = new FakeMultipartS3();
        using var client = Client(s3);
        var foreign = new FakeMultipartS3.StoredObject([1, 2, 3], new Dictionary<string, string>(), null, null, 0);
        s3.Objects["lake-raw/rides/ingest_date=2026-03-14/rides.jsonl"] = foreign;
        var file = File("rides.jsonl", 1000);

        var result = await new S3RawUploader(client, "lake-raw", new UploadOptions()).UploadAsync(file, RawKey.For("rides", Today, "rides.jsonl"), new Total(), TestContext.Current.CancellationToken);

        Assert.Equal(($"rides/ingest_date=2026-03-14/rides-{Hex(file)[..8]}.jsonl", false), (result.Key, result.Skipped));
        Assert.Same(foreign, s3.Objects["lake-raw/rides/ingest_date=2026-03-14/rides.jsonl"]);
    }

    [Fact]
    public async Task A_failed_part_aborts_the_upload_so_no_parts_are_left_behind()
    {
        using var s3 = new FakeMultipartS3 { RefuseParts = [2] };
        using var client = Client(s3);
        var file = File("big.jsonl", 17 * 1024 * 1024);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => new S3RawUploader(client, "lake-raw", new UploadOptions())
            .UploadAsync(file, RawKey.For("rides", Today, "big.jsonl"), new Total(), TestContext.Current.CancellationToken));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Contains(s3.Requests, r => r.StartsWith("DELETE lake-raw/rides/ingest_date=2026-03-14/big.jsonl?uploadId", StringComparison.Ordinal));
        Assert.Equal(0, s3.OpenUploads);
        Assert.Empty(s3.Objects);
    }

    [Fact]
    public void Part_size_grows_only_when_a_file_would_need_more_than_10000_parts()
    {
        var options = new UploadOptions();
        Assert.Equal(8L << 20, options.PartSizeFor(1L << 30));
        Assert.Equal(8L << 20, options.PartSizeFor(10_000L * (8 << 20)));
        var huge = 200L << 30;
        Assert.True(huge / options.PartSizeFor(huge) < UploadOptions.MaxParts);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
