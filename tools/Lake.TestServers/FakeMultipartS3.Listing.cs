using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace SocarDataLake.TestServers;

/// <summary>
/// ListObjectsV2 (Amazon S3 API Reference, ListObjectsV2): GET /&lt;bucket&gt;?list-type=2 with prefix, delimiter and
/// continuation-token. Keys come in UTF-8 binary order; with a delimiter, keys holding it after the prefix roll up into
/// one CommonPrefixes entry each, counting as one return. A page holds "some or all (up to 1,000)" of the matches, at
/// most <see cref="ListPageSize"/> here, with IsTruncated and an opaque NextContinuationToken while more remain. An
/// unknown bucket is 404 NoSuchBucket. Throttling is 503 SlowDown ("Please reduce your request rate", Error responses),
/// which the SDK retries.
/// </summary>
public sealed partial class FakeMultipartS3
{
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";
    private int _slowDowns;

    /// <summary>Keys and common prefixes per page at most (S3's own limit is 1,000).</summary>
    public int ListPageSize { get; set; } = 1000;

    /// <summary>Buckets that exist even when empty.</summary>
    public HashSet<string> Buckets { get; } = new(StringComparer.Ordinal);

    /// <summary>The next this-many requests, of any kind, are answered 503 SlowDown.</summary>
    public int SlowDownNext
    {
        get => Volatile.Read(ref _slowDowns);
        set => Volatile.Write(ref _slowDowns, value);
    }

    public void Put(string bucket, string key, string body) =>
        Objects[$"{bucket}/{key}"] = new StoredObject(Encoding.UTF8.GetBytes(body), new Dictionary<string, string>(), "aws:kms", null, 0);

    private bool TakeSlowDown()
    {
        while (true)
        {
            var left = Volatile.Read(ref _slowDowns);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _slowDowns, left - 1, left) == left) return true;
        }
    }

    private (XElement Answer, int Status) ListObjectsV2(string bucket, NameValueCollection query)
    {
        if (!Objects.Keys.Any(k => k.StartsWith(bucket + "/", StringComparison.Ordinal)) && !Buckets.Contains(bucket))
            return (new XElement("Error", new XElement("Code", "NoSuchBucket"), new XElement("Message", "The specified bucket does not exist"), new XElement("BucketName", bucket)), 404);
        var prefix = query["prefix"] ?? "";
        var delimiter = query["delimiter"];
        var urlEncoded = query["encoding-type"] == "url";
        var after = query["continuation-token"] is { } token ? Encoding.UTF8.GetString(Convert.FromBase64String(token)) : null;
        // One entry per key, or per common prefix when a delimiter follows the prefix.
        var entries = new SortedDictionary<string, (bool IsPrefix, StoredObject? Object)>(StringComparer.Ordinal);
        foreach (var (stored, item) in Objects)
        {
            if (!stored.StartsWith(bucket + "/", StringComparison.Ordinal)) continue;
            var key = stored[(bucket.Length + 1)..];
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var cut = delimiter is { Length: > 0 } ? key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) : -1;
            if (cut >= 0) entries[key[..(cut + delimiter!.Length)]] = (true, null);
            else entries[key] = (false, item);
        }
        var remaining = entries.Where(e => after is null || string.CompareOrdinal(e.Key, after) > 0).ToList();
        var page = remaining.Take(ListPageSize).ToList();
        var truncated = remaining.Count > page.Count;
        string Name(string key) => urlEncoded ? Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal) : key;
        var result = new XElement(S3 + "ListBucketResult",
            new XElement(S3 + "Name", bucket),
            new XElement(S3 + "Prefix", Name(prefix)),
            new XElement(S3 + "KeyCount", page.Count),
            new XElement(S3 + "MaxKeys", 1000),
            new XElement(S3 + "IsTruncated", truncated ? "true" : "false"));
        if (delimiter is not null) result.Add(new XElement(S3 + "Delimiter", delimiter));
        if (urlEncoded) result.Add(new XElement(S3 + "EncodingType", "url"));
        if (query["continuation-token"] is { } sent) result.Add(new XElement(S3 + "ContinuationToken", sent));
        if (truncated) result.Add(new XElement(S3 + "NextContinuationToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key))));
        foreach (var (key, (isPrefix, item)) in page.Where(e => !e.Value.IsPrefix))
            result.Add(new XElement(S3 + "Contents",
                new XElement(S3 + "Key", Name(key)),
                new XElement(S3 + "LastModified", "2026-12-01T09:00:00.000Z"),
                new XElement(S3 + "ETag", $"\"{Md5Hex(item!.Body)}\""),
                new XElement(S3 + "Size", item.Body.Length.ToString(CultureInfo.InvariantCulture)),
                new XElement(S3 + "StorageClass", "STANDARD")));
        foreach (var (key, _) in page.Where(e => e.Value.IsPrefix))
            result.Add(new XElement(S3 + "CommonPrefixes", new XElement(S3 + "Prefix", Name(key))));
        return (result, 200);
    }
}
