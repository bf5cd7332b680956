using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.S3.Model;
using Amazon.S3;
using SocarDataLake.Core.Quarantine;

namespace SocarDataLake.AwsViews;

/// <summary>How far reading the quarantine got: records read, the object cut short at the cap, objects left unread, lines that were not records.</summary>
public sealed class QuarantineReading(int cap)
{
    /// <summary>Quarantine records read at most: enough to see every kind of reason, bounded for a lake with millions of bad rows.</summary>
    public const int DefaultCap = 100_000;

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
public sealed class QuarantineObjects(IAmazonS3 s3, string bucket)
{
    /// <param name="run">One run's records only, or null for every run's.</param>
    public async Task ReadAsync(string dataset, QuarantineGrouping reasons, QuarantineReading reading, CancellationToken cancellationToken, string? run = null)
    {
        var prefix = $"{dataset}/run=";
        foreach (var item in await RecordObjectsAsync(dataset, run, cancellationToken))
        {
            var uri = $"s3://{bucket}/{item.Key}";
            var itsRun = item.Key[(prefix.Length)..].Split('/')[0];
            if (reading.Full)
            {
                reading.Unread.Add(uri);
                reading.UnreadBytes += item.Size ?? 0;
                continue;
            }
            reading.Objects++;
            using var response = await S3Objects.GetAsync(s3, bucket, item.Key, cancellationToken);
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
                    reasons.Add(dataset, itsRun, record.RootElement);
                    reading.Records++;
                }
                catch (JsonException e)
                {
                    reading.NotRecords.Add($"{uri} line {number}: not a JSON record ({e.Message})");
                }
            }
        }
    }

    /// <summary>The records exactly as the job stored them, one JSON object a line, streamed object by object.</summary>
    public async IAsyncEnumerable<string> LinesAsync(string dataset, string? run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in await RecordObjectsAsync(dataset, run, cancellationToken))
        {
            using var response = await S3Objects.GetAsync(s3, bucket, item.Key, cancellationToken);
            using var lines = new StreamReader(response.ResponseStream);
            while (await lines.ReadLineAsync(cancellationToken) is { } line)
                if (line.Length > 0) yield return line;
        }
    }

    /// <summary>The committed record objects of a dataset (or of one run), in key order: what a download is made of.</summary>
    public async Task<IReadOnlyList<S3Object>> RecordObjectsAsync(string dataset, string? run, CancellationToken cancellationToken)
    {
        var prefix = run is null ? $"{dataset}/run=" : $"{dataset}/run={run}/";
        return (await S3Listing.KeysAsync(s3, bucket, prefix, delimiter: null, cancellationToken)).Where(o => IsRecordFile(o.Key[(dataset.Length + 1)..])).ToList();
    }

    // run=<run>/<name>.jsonl directly in a run's folder (bad-rows-<n>.jsonl); copies of whole objects kept under
    // objects/ are data, not records, as the local lake's QuarantineReader treats them.
    private static bool IsRecordFile(string relative)
    {
        var parts = relative.Split('/');
        return parts is [var run, var name] && run.StartsWith("run=", StringComparison.Ordinal) && name.EndsWith(".jsonl", StringComparison.Ordinal);
    }
}
