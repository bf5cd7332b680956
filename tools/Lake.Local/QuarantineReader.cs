using System.Text.Json;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

/// <summary>One quarantine record: a bad row, a rejected line or a whole object, with the run that wrote it and its line as stored.</summary>
public sealed record QuarantineEntry(string Dataset, string Run, JsonElement Record, string Line);

/// <summary>
/// Reads the quarantine records of a dataset: bad rows, rejected lines and whole objects (the copies of
/// quarantined raw objects under objects/ are data, not records, and are skipped).
/// </summary>
public static class QuarantineReader
{
    public static IEnumerable<JsonElement> Records(LakeRoot root, string dataset) => Entries(root, dataset).Select(e => e.Record);

    /// <summary>The records of every run, or of one run only (quarantine/&lt;dataset&gt;/run=&lt;run&gt;/).</summary>
    public static IEnumerable<QuarantineEntry> Entries(LakeRoot root, string dataset, string? run = null)
    {
        var dir = Path.Combine(root.ZonePath(Zone.Quarantine), dataset);
        if (!Directory.Exists(dir)) yield break;
        foreach (var file in Directory.EnumerateFiles(dir, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(Path.GetDirectoryName(file)) == "objects") continue;
            var first = Path.GetRelativePath(dir, file).Split(Path.DirectorySeparatorChar)[0];
            var fileRun = first.StartsWith("run=", StringComparison.Ordinal) ? first["run=".Length..] : "";
            if (run is not null && fileRun != run) continue;
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0) continue;
                using var doc = JsonDocument.Parse(line);
                yield return new QuarantineEntry(dataset, fileRun, doc.RootElement.Clone(), line);
            }
        }
    }
}
