using System.Text.Json;
using Amazon.S3.Model;
using Amazon.S3;
using SocarDataLake.Core.Quarantine;
using SocarDataLake.Local;

namespace SocarDataLake.Cli.AwsViews;

/// <summary>How far reading the quarantine got: records read, the object cut short at the cap, objects left unread, lines that were not records.</summary>
internal sealed class QuarantineReading(int cap)
{
    public int Cap { get; } = cap;
    public int Records { get; set; }
    public int Objects { get; set; }
    public string? CutShort { get; set; }
    public List<string> Unread { get; } = [];
    public long UnreadBytes { get; set; }
    public List<string> NotRecords { get; } = [];
    public bool Full => Records >= Cap;
}

/// <summary>
/// The quarantine records of a dataset in the quarantine bucket: s3://&lt;quarantine bucket&gt;/&lt;dataset&gt;/run=&lt;run&gt;/
/// bad-rows-&lt;n&gt;.jsonl, one JSON record per line ({raw_object, reason, values}), where the Glue job publishes a
/// committed run's bad rows and, in the same shape, the raw objects it quarantined whole (glue-scripts/lake_glue:
/// paths.py, runner.py). What is still staged (&lt;dataset&gt;/_staging/) is not committed and is not listed. Each
/// object is streamed line by line, and reading stops once the cap of records is reached.
/// </summary>
internal sealed class QuarantineObjects(IAmazonS3 s3, string bucket)
{
    public async Task ReadAsync(string dataset, QuarantineGrouping reasons, QuarantineReading reading, CancellationToken cancellationToken)
    {
        var prefix = $"{dataset}/run=";
        var objects = (await S3Listing.KeysAsync(s3, bucket, prefix, delimiter: null, cancellationToken)).Where(o => IsRecordFile(o.Key[(dataset.Length + 1)..])).ToList();
        foreach (var item in objects)
        {
            var uri = $"s3://{bucket}/{item.Key}";
            var run = item.Key[(prefix.Length)..].Split('/')[0];
            if (reading.Full)
            {
                reading.Unread.Add(uri);
                reading.UnreadBytes += item.Size ?? 0;
                continue;
            }
            reading.Objects++;
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = item.Key }, cancellationToken);
            using var lines = new StreamReader(response.ResponseStream);
            var number = 0;
            while (await lines.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                if (line.Length == 0) continue;
                if (reading.Full)
                {
                    reading.CutShort = uri;
                    break;
                }
                try
                {
                    using var record = JsonDocument.Parse(line);
                    reasons.Add(dataset, run, record.RootElement);
                    reading.Records++;
                }
                catch (JsonException e)
                {
                    reading.NotRecords.Add($"{uri} line {number}: not a JSON record ({e.Message})");
                }
            }
        }
    }

    // run=<run>/<name>.jsonl directly in a run's folder (bad-rows-<n>.jsonl); copies of whole objects kept under
    // objects/ are data, not records, as the local lake's QuarantineReader treats them.
    private static bool IsRecordFile(string relative)
    {
        var parts = relative.Split('/');
        return parts is [var run, var name] && run.StartsWith("run=", StringComparison.Ordinal) && name.EndsWith(".jsonl", StringComparison.Ordinal);
    }
}
