using System.Text.Json;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

/// <summary>
/// Reads the quarantine records of a dataset: bad rows, rejected lines and whole objects (the copies of
/// quarantined raw objects under objects/ are data, not records, and are skipped).
/// </summary>
public static class QuarantineReader
{
    public static IEnumerable<JsonElement> Records(LakeRoot root, string dataset)
    {
        var dir = Path.Combine(root.ZonePath(Zone.Quarantine), dataset);
        if (!Directory.Exists(dir)) yield break;
        foreach (var file in Directory.EnumerateFiles(dir, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(Path.GetDirectoryName(file)) == "objects") continue;
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0) continue;
                using var doc = JsonDocument.Parse(line);
                yield return doc.RootElement.Clone();
            }
        }
    }
}
