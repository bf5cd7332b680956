using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Producers.Upload;

/// <summary>
/// Uploads files into the raw bucket under their raw keys. Every object carries the SHA-256 of the whole file
/// (x-amz-meta-sha256, hex) and is checked by S3 on arrival (x-amz-checksum-sha256 of the object, or of each
/// part), encrypted with SSE-KMS under the lake key. A key that already holds the same content is skipped;
/// one holding other content gets the file under a name with its hash, as `lake ingest` does locally: an
/// upload never overwrites raw data.
/// </summary>
/// <param name="kmsKeyArn">
/// The lake key, named on every put (x-amz-server-side-encryption-aws-kms-key-id). Without it the uploader
/// sends no encryption headers and the bucket's default (the lake key) applies. It never sends aws:kms
/// alone: S3 would then use the AWS managed key aws/s3, not the bucket default ("PutObject", API
/// reference), and the lake's bucket policy refuses that.
/// </param>
public sealed class S3RawUploader(IAmazonS3 s3, string bucket, UploadOptions options, string? kmsKeyArn = null)
{
    public const string ShaMetadata = "x-amz-meta-sha256";

    /// <param name="progress">Receives byte counts as parts finish.</param>
    public async Task<UploadResult> UploadAsync(string file, RawKey key, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var size = new FileInfo(file).Length;
        var sha = await Sha256Async(file, cancellationToken);
        var hex = Convert.ToHexString(sha).ToLowerInvariant();
        switch (await RecordedShaAsync(key.Key, cancellationToken))
        {
            case { } recorded when recorded == hex:
                progress.Report(size);
                return new UploadResult(file, key.Key, size, hex, 0, Skipped: true);
            case not null:
                var name = key.Name;
                key = RawKey.For(key.Dataset, key.IngestDate, $"{Path.GetFileNameWithoutExtension(name)}-{hex[..8]}{Path.GetExtension(name)}");
                break;
        }
        var partSize = options.PartSizeFor(size);
        if (size <= partSize)
        {
            await PutSingleAsync(file, key.Key, hex, Convert.ToBase64String(sha), cancellationToken);
            progress.Report(size);
            return new UploadResult(file, key.Key, size, hex, 1, Skipped: false);
        }
        var parts = await PutMultipartAsync(file, key.Key, size, partSize, hex, progress, cancellationToken);
        return new UploadResult(file, key.Key, size, hex, parts, Skipped: false);
    }

    private async Task<string?> RecordedShaAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            return head.Metadata[ShaMetadata] ?? "";
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task PutSingleAsync(string file, string key, string hex, string checksum, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            FilePath = file,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            ChecksumSHA256 = checksum,
        };
        if (kmsKeyArn is not null)
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            request.ServerSideEncryptionKeyManagementServiceKeyId = kmsKeyArn;
        }
        request.Metadata[ShaMetadata] = hex;
        await s3.PutObjectAsync(request, cancellationToken);
    }

    private async Task<int> PutMultipartAsync(string file, string key, long size, long partSize, string hex, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        };
        // The parts carry no encryption headers: the upload's encryption is set here, once.
        if (kmsKeyArn is not null)
        {
            initiate.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            initiate.ServerSideEncryptionKeyManagementServiceKeyId = kmsKeyArn;
        }
        initiate.Metadata[ShaMetadata] = hex;
        var uploadId = (await s3.InitiateMultipartUploadAsync(initiate, cancellationToken)).UploadId;
        var count = (int)((size + partSize - 1) / partSize);
        var etags = new PartETag[count];
        try
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(1, count), parallel, async (number, token) =>
            {
                var offset = (number - 1) * partSize;
                var length = (int)Math.Min(partSize, size - offset);
                var buffer = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    await ReadExactlyAsync(handle, buffer.AsMemory(0, length), offset, token);
                    var checksum = Convert.ToBase64String(SHA256.HashData(buffer.AsSpan(0, length)));
                    using var body = new MemoryStream(buffer, 0, length, writable: false);
                    var part = await s3.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        UploadId = uploadId,
                        PartNumber = number,
                        PartSize = length,
                        InputStream = body,
                        ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
                        ChecksumSHA256 = checksum,
                    }, token);
                    etags[number - 1] = new PartETag { PartNumber = number, ETag = part.ETag, ChecksumSHA256 = checksum };
                    progress.Report(length);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            });
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = uploadId,
                PartETags = [.. etags],
            }, cancellationToken);
            return count;
        }
        catch (Exception)
        {
            // An abandoned upload keeps its parts (and their cost) until aborted; the bucket's lifecycle rule is only a backstop.
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
            throw;
        }
    }

    private static async Task ReadExactlyAsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await RandomAccess.ReadAsync(handle, buffer[read..], offset + read, cancellationToken);
            if (n == 0) throw new EndOfStreamException("the file became shorter while it was being uploaded");
            read += n;
        }
    }

    private static async Task<byte[]> Sha256Async(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return await SHA256.HashDataAsync(stream, cancellationToken);
    }
}
