using Amazon.S3.Model;
using Amazon.S3;
using Amazon;
using SocarDataLake.Aws;
using SocarDataLake.Core;
using Spectre.Console;

namespace SocarDataLake.Cli.Athena;

/// <summary>
/// `lake query --aws --output results.csv`: the whole result, not the first --limit rows, as Athena wrote it to the
/// workgroup's results bucket (the query execution's OutputLocation: a CSV with a header row for a SELECT, "Working
/// with query results, recent queries, and output files" in the Athena User Guide). Streamed to a file beside the
/// target and renamed over it when complete, so the file is the whole result or is not touched. A body that stops
/// coming without the connection breaking would wait for ever, so each read has an idle limit (TimeoutException).
/// </summary>
internal static class ResultDownload
{
    /// <summary>Refuses, before any query is sent, an --output Athena's result cannot be written to.</summary>
    public static string Check(string output, string format)
    {
        if (format == "json") throw new LakeException("--output writes the result as Athena wrote it, CSV: drop --format json (or leave out --output to print JSON).");
        var path = Path.GetFullPath(output);
        if (Directory.Exists(path)) throw new LakeException($"--output {output} is a folder: give a file name, such as {Path.Combine(output, "results.csv")}.");
        if (!Directory.Exists(Path.GetDirectoryName(path))) throw new LakeException($"--output {output}: the folder {Path.GetDirectoryName(path)} does not exist.");
        return path;
    }

    /// <summary>The idle limit: seconds without a byte before a download is given up (LAKE_DOWNLOAD_IDLE_SECONDS, default 60).</summary>
    public static TimeSpan IdleLimit(Func<string, string?> environment)
    {
        const string variable = "LAKE_DOWNLOAD_IDLE_SECONDS";
        if (environment(variable) is not { Length: > 0 } text) return TimeSpan.FromSeconds(60);
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new LakeException($"{variable}={text}: give whole seconds from 1 to 3600.");
    }

    public static async Task<long> DownloadAsync(AwsTarget target, string outputLocation, string path, TimeSpan idleLimit, CancellationToken cancellationToken)
    {
        var (bucket, key) = Parse(outputLocation);
        using var s3 = target.S3Client();
        var partial = path + ".partial";
        try
        {
            long written = 0;
            GetObjectResponse response;
            try
            {
                response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).WaitAsync(idleLimit, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"s3://{bucket}/{key} did not answer GetObject within {idleLimit.TotalSeconds:0} s");
            }
            using var answer = response;
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: Math.Max(1, response.ContentLength));
                    await using var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = await Read(response.ResponseStream, buffer)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        written += read;
                        task.Increment(read);
                    }
                });
            async Task<int> Read(Stream body, byte[] buffer)
            {
                try
                {
                    return await body.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(idleLimit, cancellationToken);
                }
                catch (TimeoutException)
                {
                    throw new TimeoutException($"s3://{bucket}/{key} sent no bytes for {idleLimit.TotalSeconds:0} s after {written:N0} of {response.ContentLength:N0} bytes");
                }
            }
            if (written != response.ContentLength)
                throw new IOException($"s3://{bucket}/{key} ended after {written:N0} of {response.ContentLength:N0} bytes.");
            File.Move(partial, path, overwrite: true);
            return written;
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private static (string Bucket, string Key) Parse(string location)
    {
        var uri = location.StartsWith("s3://", StringComparison.Ordinal) ? location["s3://".Length..] : throw new InvalidDataException($"OutputLocation '{location}' is not an s3:// location.");
        var slash = uri.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < uri.Length - 1 ? (uri[..slash], uri[(slash + 1)..]) : throw new InvalidDataException($"OutputLocation '{location}' names no object.");
    }
}
