using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Transfer;
using SocarDataLake.Core.Zones;

using SocarDataLake.Producers.Upload;
using SocarDataLake.TestServers;

namespace SocarDataLake.Stream.Bench;

/// <summary>
/// One file up to the loopback multipart S3 the uploader's tests use, by `lake ingest --aws`'s S3RawUploader (on
/// TransferUtility since it measured no slower than the hand-written multipart upload) and by AWSSDK.S3's
/// TransferUtility alone, set up to send the same requests: 8 MiB parts, 4 at once, each checked by its SHA-256,
/// the whole file's SHA-256 as metadata (hashed first by both). Each upload runs in its own process, so its peak
/// memory, allocations and CPU time are the client's alone; the server stays in this one.
/// </summary>
internal static class UploadBench
{
    private static readonly string[] Uploaders = ["S3RawUploader", "TransferUtility"];

    public static async Task<Dictionary<string, object>> RunAsync(string work, int megabytes)
    {
        var file = Path.Combine(work, "upload.bin");
        var data = new byte[megabytes * 1048576L];
        new Random(7).NextBytes(data);
        await File.WriteAllBytesAsync(file, data);
        var results = new Dictionary<string, object> { ["file_bytes"] = data.Length };
        var runs = Uploaders.ToDictionary(u => u, _ => new List<JsonElement>());
        // Alternating, so a machine busier during one part of the bench does not favour one uploader.
        for (var round = 0; round < 3; round++)
            foreach (var uploader in Uploaders)
            {
                using var s3 = new FakeMultipartS3();
                runs[uploader].Add(Child(uploader, file, s3.Url));
                var stored = s3.Objects.Values.Single();
                if (stored.Parts != (int)Math.Ceiling(data.Length / (double)UploadOptions.DefaultPartSize) || !stored.Body.AsSpan().SequenceEqual(data))
                    throw new InvalidOperationException($"{uploader} stored {stored.Body.Length} bytes in {stored.Parts} parts, not the file in 8 MiB parts");
            }
        foreach (var (uploader, measured) in runs)
        {
            var median = measured.OrderBy(m => m.GetProperty("seconds").GetDouble()).ElementAt(1);
            var seconds = median.GetProperty("seconds").GetDouble();
            var peak = measured.Max(m => m.GetProperty("peak_rss").GetInt64());
            var allocated = median.GetProperty("allocated").GetInt64();
            var cpu = median.GetProperty("cpu_seconds").GetDouble();
            Console.WriteLine($"upload {uploader,-16} {data.Length / 1048576.0 / seconds,6:F0} MiB/s  {cpu:F1} CPU s  peak RSS {Measure.Mib(peak)}  {Measure.Mib(allocated)} allocated  ({megabytes} MiB, median of 3)");
            results[uploader] = new Dictionary<string, object>
            {
                ["median_seconds"] = Math.Round(seconds, 3),
                ["client_cpu_seconds"] = Math.Round(cpu, 3),
                ["mib_per_second"] = Math.Round(data.Length / 1048576.0 / seconds, 1),
                ["peak_rss_bytes"] = peak,
                ["allocated_bytes"] = allocated,
            };
        }
        File.Delete(file);
        return results;
    }

    private static JsonElement Child(string uploader, string file, string url)
    {
        // Started through its apphost or through `dotnet <dll>`: the child must see "upload-child" first.
        var host = Environment.ProcessPath!;
        string[] args = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [typeof(UploadBench).Assembly.Location, "upload-child", uploader, file, url]
            : ["upload-child", uploader, file, url];
        using var child = Process.Start(new ProcessStartInfo(host, args) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start the uploading process");
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"upload-child {uploader} failed: {output}");
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
    }

    /// <summary>One upload in a fresh process; prints its seconds, CPU seconds, peak RSS and bytes allocated as JSON.</summary>
    public static async Task<int> ChildAsync(string uploader, string file, string url)
    {
        using var client = new AmazonS3Client(new BasicAWSCredentials("AKIDBENCH", "secret"),
            new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "ap-south-1", MaxErrorRetry = 0 });
        var key = RawKey.For("rides", new DateOnly(2026, 3, 14), Path.GetFileName(file));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        if (uploader == "S3RawUploader")
            await new S3RawUploader(client, "lake-raw", new UploadOptions()).UploadAsync(file, key, new Progress<long>(), CancellationToken.None);
        else
            await TransferUtilityAsync(client, file, key.Key);
        var seconds = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["seconds"] = seconds, ["cpu_seconds"] = cpuSeconds, ["peak_rss"] = Measure.PeakRssBytes(), ["allocated"] = allocated }));
        return 0;
    }

    private static async Task TransferUtilityAsync(AmazonS3Client client, string file, string key)
    {
        string hex;
        await using (var stream = File.OpenRead(file)) hex = Convert.ToHexString(await SHA256.HashDataAsync(stream)).ToLowerInvariant();
        using var transfer = new TransferUtility(client, new TransferUtilityConfig { ConcurrentServiceRequests = 4 });
        var request = new TransferUtilityUploadRequest
        {
            BucketName = "lake-raw",
            Key = key,
            FilePath = file,
            PartSize = UploadOptions.DefaultPartSize,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        };
        request.Metadata[S3RawUploader.ShaMetadata] = hex;
        await transfer.UploadAsync(request);
    }
}
