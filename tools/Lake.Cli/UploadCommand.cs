using Amazon;
using Amazon.S3;
using SocarDataLake.Aws;
using SocarDataLake.Core.Zones;
using SocarDataLake.Local;
using SocarDataLake.Producers.Upload;
using Spectre.Console;

namespace SocarDataLake.Cli;

internal static partial class LakeCommands
{
    /// <summary>`lake ingest --aws`: the files into the raw bucket under their raw keys, S3's events start the pipeline there.</summary>
    public static async Task<int> UploadAsync(string rootPath, string[] paths, string dataset, AwsOptions options, DateOnly? ingestDate, TimeProvider clock, CancellationToken cancellationToken)
    {
        DatasetContracts.Find(dataset, aws: true, rootPath);
        foreach (var file in paths)
            InputFile.Require(file, dataset);
        var target = AwsTarget.Resolve(options, Environment.GetEnvironmentVariable, needsBucket: true, needsStream: false);
        using var s3 = target.S3Client();
        var uploader = new S3RawUploader(s3, target.Bucket!, new UploadOptions(), target.KmsKeyArn);
        var today = ingestDate ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var results = new List<UploadResult>();
        try
        {
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    foreach (var file in paths)
                    {
                        var name = Path.GetFileName(file);
                        var task = context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, new FileInfo(file).Length));
                        results.Add(await uploader.UploadAsync(file, RawKey.For(dataset, today, name), new InlineProgress(n => task.Increment(n)), cancellationToken));
                    }
                });
        }
        catch (AmazonS3Exception e)
        {
            Console.Error.WriteLine($"lake: S3 refused the upload to s3://{target.Bucket}: {e.ErrorCode} (HTTP {(int)e.StatusCode}) {e.Message}. Check the bucket, the region and that the credentials may s3:PutObject there and kms:GenerateDataKey on the lake key.");
            return 1;
        }
        foreach (var r in results)
        {
            Console.WriteLine(r.Skipped
                ? $"skipped   {r.File}: s3://{target.Bucket}/{r.Key} already holds it (same sha256)"
                : $"uploaded  {r.File} -> s3://{target.Bucket}/{r.Key}  ({r.Bytes / 1024.0 / 1024.0:F1} MiB, {r.Parts} part{(r.Parts == 1 ? "" : "s")}, sha256 {r.Sha256Hex[..12]}…, {(target.KmsKeyArn is null ? "bucket default key" : "SSE-KMS, lake key")})");
        }
        Console.WriteLine("S3 notifies the ingest queue of each new object; follow the runs in the Glue console or the ops notifications.");
        return 0;
    }

    /// <summary>Reports on the calling thread: the progress bar counts bytes as each part finishes.</summary>
    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
