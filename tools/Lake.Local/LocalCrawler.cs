using DuckDB.NET.Data;
using SocarDataLake.Core.Catalog;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

/// <summary>
/// The Glue crawler of the local lake: infers the schema of the raw objects not yet processed with DuckDB,
/// records a new schema version when it changed, and says what drifted (new, missing, retyped columns).
/// </summary>
public sealed class LocalCrawler(LakeRoot root, CatalogStore catalog, TimeProvider clock)
{
    public IReadOnlyList<string> Crawl(string dataset)
    {
        var contract = root.Contract(dataset);
        var bookmark = catalog.Bookmark(dataset);
        var rawDir = root.ZonePath(Zone.Raw);
        var datasetDir = Path.Combine(rawDir, dataset);
        if (!Directory.Exists(datasetDir)) return [];
        var pending = Directory.EnumerateFiles(datasetDir, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !bookmark.Contains(Path.GetRelativePath(rawDir, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal).ToList();

        var drift = new List<string>();
        using var duck = DuckSession.Open(root, "256MB", threads: 1);
        foreach (var file in pending)
        {
            var sniff = RawSniffer.Sniff(file, contract);
            if (sniff.Problem is not null) continue; // the ETL quarantines it with the reason
            // ingest_date=... in the raw key is where the object landed, not a column of it: hive_partitioning is off.
            List<SchemaColumn> columns;
            var sample = Path.Combine(root.Staging, $"crawl-sample-{Environment.ProcessId}.jsonl");
            try
            {
                string reader;
                if (contract.Format.Type == "csv")
                {
                    reader = $"read_csv({Sql.Literal(file)}, header = true, delim = {Sql.Literal(contract.Format.Delimiter)}, sample_size = 20480, hive_partitioning = false)";
                }
                else
                {
                    if (JsonLinesSample.Write(file, sniff.Gzip, sample) == 0) continue; // no line to infer from: the ETL says why per line
                    reader = $"read_json({Sql.Literal(sample)}, format = 'newline_delimited', hive_partitioning = false)";
                }
                columns = duck.Rows($"DESCRIBE SELECT * FROM {reader}").Select(r => new SchemaColumn((string)r[0]!, (string)r[1]!)).ToList();
            }
            catch (Exception e) when (e is DuckDBException or InvalidDataException)
            {
                continue; // unreadable: the ETL quarantines it whole with the reason
            }
            finally
            {
                File.Delete(sample);
            }
            var key = Path.GetRelativePath(rawDir, file).Replace('\\', '/');
            var versions = catalog.SchemaVersions(dataset);
            var latest = versions.Count > 0 ? versions[^1] : null;
            var changes = latest is null ? [] : Compare(latest.Columns, columns);
            if (latest is not null && changes.Count == 0) continue;
            var version = new SchemaVersion((latest?.Version ?? 0) + 1, columns, key, clock.GetUtcNow(), changes);
            catalog.RecordSchema(dataset, version);
            drift.AddRange(changes.Select(c => $"v{version.Version} ({Path.GetFileName(key)}): {c}"));
        }
        return drift;
    }

    public static List<string> Compare(IReadOnlyList<SchemaColumn> before, IReadOnlyList<SchemaColumn> after)
    {
        var old = before.ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase);
        var now = after.ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase);
        var changes = new List<string>();
        var added = now.Keys.Where(k => !old.ContainsKey(k)).ToList();
        var missing = old.Keys.Where(k => !now.ContainsKey(k)).ToList();
        var retyped = now.Where(kv => old.TryGetValue(kv.Key, out var t) && t != kv.Value).Select(kv => $"{kv.Key} {old[kv.Key]} -> {kv.Value}").ToList();
        if (added.Count > 0) changes.Add("new columns: " + string.Join(", ", added));
        if (missing.Count > 0) changes.Add("missing columns: " + string.Join(", ", missing));
        if (retyped.Count > 0) changes.Add("retyped: " + string.Join(", ", retyped));
        return changes;
    }
}
