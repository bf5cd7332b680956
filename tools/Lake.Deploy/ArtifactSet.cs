using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocarDataLake.Deploy;

/// <summary>One file to upload and the content-addressed key it goes to.</summary>
public sealed record Artifact(string LocalPath, string Key, string Sha256Hex)
{
    /// <summary>Lambda's source_code_hash is the base64 (not hex) SHA-256 of the zip.</summary>
    public string Sha256Base64 => Convert.ToBase64String(Convert.FromHexString(Sha256Hex));
}

/// <summary>
/// Everything the build packaged (Lambda zips, Glue script, library and typing plans), with the keys they
/// are uploaded under and the Terraform variables that point the environment at exactly those keys.
/// Keys carry the content hash so a deploy never overwrites what a running function or job still uses.
/// </summary>
public sealed class ArtifactSet
{
    private readonly Dictionary<string, Artifact> _lambdas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Artifact> _plans = new(StringComparer.Ordinal);

    public Artifact? GlueScript { get; private set; }
    public Artifact? GlueLibrary { get; private set; }

    public IEnumerable<Artifact> All =>
        _lambdas.Values.Concat(_plans.Values).Concat(new[] { GlueScript, GlueLibrary }.OfType<Artifact>());

    /// <summary>Reads what the Package and GluePackage targets left in <paramref name="artifactsDir"/>.</summary>
    public static ArtifactSet Load(string artifactsDir)
    {
        var set = new ArtifactSet();
        var lambdaDir = Path.Combine(artifactsDir, "lambdas");
        var manifest = Path.Combine(lambdaDir, "manifest.json");
        if (!File.Exists(manifest))
            throw new ArtifactException($"{manifest} is missing: run './build.sh --target=Package' first.");
        foreach (var entry in ReadArray(manifest))
        {
            var function = Required(entry, "function", manifest);
            var zip = Path.Combine(artifactsDir, Required(entry, "zip", manifest));
            var sha = Sha256Of(zip);
            var recorded = Required(entry, "sha256", manifest);
            if (!string.Equals(sha, recorded, StringComparison.OrdinalIgnoreCase))
                throw new ArtifactException($"{zip} does not match its manifest entry (sha256 {sha[..12]} vs {recorded[..Math.Min(12, recorded.Length)]}): run Package again.");
            set._lambdas[function] = new Artifact(zip, $"lambdas/{function}-{sha[..12]}.zip", sha);
        }

        // GluePackage lists what it wrote and what each file is; files it does not list (leftovers) are not deployed.
        var glueManifest = Path.Combine(artifactsDir, "glue", "manifest.json");
        if (Directory.Exists(Path.GetDirectoryName(glueManifest)) && !File.Exists(glueManifest))
            throw new ArtifactException($"{glueManifest} is missing: run './build.sh --target=GluePackage' first.");
        if (File.Exists(glueManifest))
        {
            foreach (var entry in ReadArray(glueManifest))
            {
                var kind = Required(entry, "kind", glueManifest);
                var name = Required(entry, "name", glueManifest);
                var artifact = Listed(artifactsDir, Required(entry, "file", glueManifest), glueManifest);
                switch (kind)
                {
                    case "plan": set._plans[name] = artifact; break;
                    case "script": set.GlueScript = artifact; break;
                    case "library": set.GlueLibrary = artifact; break;
                    default: throw new ArtifactException($"{glueManifest}: '{name}' has kind '{kind}'; the Glue kinds are plan, script and library.");
                }
            }
        }
        return set;
    }

    /// <summary>The variables of terraform/envs/*: only those whose artifacts exist, so defaults cover the rest.</summary>
    public JsonObject TerraformVariables()
    {
        var variables = new JsonObject
        {
            ["lambda_packages"] = new JsonObject(_lambdas.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
                KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject { ["s3_key"] = kv.Value.Key, ["source_code_hash"] = kv.Value.Sha256Base64 }))),
        };
        if (GlueScript is not null) variables["glue_script_key"] = GlueScript.Key;
        if (GlueLibrary is not null) variables["glue_library_key"] = GlueLibrary.Key;
        if (_plans.Count > 0)
            variables["typing_plan_keys"] = new JsonObject(_plans.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value.Key)));
        return variables;
    }

    /// <summary>A file a manifest lists, uploaded under its path in the artifacts folder; one outside that folder is refused.</summary>
    private static Artifact Listed(string artifactsDir, string relative, string manifest)
    {
        var root = Path.GetFullPath(artifactsDir);
        var file = Path.GetFullPath(Path.Combine(root, relative));
        if (!file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArtifactException($"{manifest}: '{relative}' is outside {root}.");
        return new Artifact(file, Path.GetRelativePath(root, file).Replace('\\', '/'), Sha256Of(file));
    }

    private static List<JsonElement> ReadArray(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new ArtifactException($"{path}: expected a JSON array of packaged artifacts.");
            return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }
        catch (JsonException e)
        {
            throw new ArtifactException($"{path}: not valid JSON ({e.Message}).");
        }
    }

    private static string Required(JsonElement entry, string field, string path) =>
        entry.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : throw new ArtifactException($"{path}: an entry has no '{field}'.");

    private static string Sha256Of(string path)
    {
        if (!File.Exists(path)) throw new ArtifactException($"{path} is listed but missing: run the packaging target again.");
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}

public sealed class ArtifactException(string message) : Exception(message);
