using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

/// <summary>
/// The local lake's folder: one folder per zone with S3's key layout, the dataset contracts, the catalog
/// (JSON files) and the notification and dead-letter logs.
/// </summary>
public sealed class LakeRoot
{
    private const string Marker = "lake.json";

    public string Path { get; }
    public string Datasets => System.IO.Path.Combine(Path, "datasets");
    public string Catalog => System.IO.Path.Combine(Path, "_catalog");
    public string Staging => System.IO.Path.Combine(Path, "_staging");
    /// <summary>Objects being written before they are renamed into a zone (<see cref="StagedFile"/>).</summary>
    public string Landing => System.IO.Path.Combine(Staging, "landing");
    public string Locks => System.IO.Path.Combine(Catalog, "locks");
    public string Notifications => System.IO.Path.Combine(Path, "notifications.jsonl");
    public string DeadLetters => System.IO.Path.Combine(Path, "dead-letters.jsonl");

    private LakeRoot(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>Default root: --root, then LAKE_ROOT, then .lake in the current folder.</summary>
    public static string DefaultPath(string? option) => option ?? Environment.GetEnvironmentVariable("LAKE_ROOT") ?? ".lake";

    public static LakeRoot Init(string path, string contractsSource)
    {
        var root = new LakeRoot(path);
        if (File.Exists(root.Path)) throw new LakeException($"{root.Path} is a file, not a folder: give --root a new or existing folder.");
        var contracts = ContractLoader.LoadDirectory(contractsSource);
        foreach (var zone in Enum.GetValues<Zone>()) Directory.CreateDirectory(root.ZonePath(zone));
        Directory.CreateDirectory(root.Datasets);
        Directory.CreateDirectory(root.Locks);
        foreach (var contract in contracts)
            AtomicFile.Copy(System.IO.Path.Combine(contractsSource, contract.Name + ".json"), System.IO.Path.Combine(root.Datasets, contract.Name + ".json"));
        var schema = System.IO.Path.Combine(contractsSource, "contract.schema.json");
        if (File.Exists(schema)) AtomicFile.Copy(schema, System.IO.Path.Combine(root.Datasets, "contract.schema.json"));
        AtomicFile.WriteAllText(System.IO.Path.Combine(root.Path, Marker), "{\"layout\":1}\n");
        return root;
    }

    public static LakeRoot Open(string path)
    {
        var root = new LakeRoot(path);
        if (!File.Exists(System.IO.Path.Combine(root.Path, Marker)))
            throw new LakeException($"{root.Path} is not a lake: run 'lake init --root {path}' first.");
        return root;
    }

    public IReadOnlyList<DatasetContract> Contracts() => ContractLoader.LoadDirectory(Datasets);

    public DatasetContract Contract(string dataset)
    {
        var contracts = Contracts();
        return contracts.FirstOrDefault(c => c.Name == dataset)
            ?? throw new LakeException($"unknown dataset '{dataset}': known datasets are {string.Join(", ", contracts.Select(c => c.Name))} (contracts in {Datasets}).");
    }

    public string ZonePath(Zone zone) => System.IO.Path.Combine(Path, zone.ToString().ToLowerInvariant());

    /// <summary>The file of an object; keys that would leave the zone folder are refused.</summary>
    public string FileOf(ObjectRef obj)
    {
        var zone = ZonePath(obj.Zone);
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(zone, obj.Key));
        if (!full.StartsWith(zone + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new LakeException($"the key '{obj.Key}' leaves the {obj.Zone} zone");
        return full;
    }
}
