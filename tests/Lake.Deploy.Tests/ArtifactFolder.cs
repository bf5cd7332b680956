using System.Security.Cryptography;
using System.Text.Json;

namespace SocarDataLake.Deploy.Tests;

/// <summary>A throwaway artifacts/ folder laid out as the Package and GluePackage targets leave it.</summary>
internal sealed class ArtifactFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lake-artifacts-").FullName;

    public ArtifactFolder WithLambda(string function, string content, string? recordedSha = null)
    {
        var zip = System.IO.Path.Combine(Path, "lambdas", $"{function}.zip");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(zip)!);
        File.WriteAllText(zip, content);
        var manifestPath = System.IO.Path.Combine(Path, "lambdas", "manifest.json");
        var entries = File.Exists(manifestPath) ? JsonSerializer.Deserialize<List<Dictionary<string, object>>>(File.ReadAllText(manifestPath))! : [];
        entries.Add(new() { ["function"] = function, ["zip"] = $"lambdas/{function}.zip", ["sha256"] = recordedSha ?? Sha(content), ["size"] = content.Length });
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(entries));
        return this;
    }

    /// <summary>A file GluePackage wrote (unless <paramref name="content"/> is null) and listed in glue/manifest.json as <paramref name="kind"/>.</summary>
    public ArtifactFolder WithGlueArtifact(string kind, string name, string relative, string? content)
    {
        if (content is not null) WithUnlistedGlueFile(relative, content);
        var manifestPath = System.IO.Path.Combine(Path, "glue", "manifest.json");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(manifestPath)!);
        var entries = File.Exists(manifestPath) ? JsonSerializer.Deserialize<List<Dictionary<string, object>>>(File.ReadAllText(manifestPath))! : [];
        entries.Add(new() { ["kind"] = kind, ["name"] = name, ["file"] = $"glue/{relative}", ["size"] = content?.Length ?? 0 });
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(entries));
        return this;
    }

    /// <summary>A file in glue/ that the manifest does not list, such as one left by an earlier build.</summary>
    public ArtifactFolder WithUnlistedGlueFile(string relative, string content)
    {
        var file = System.IO.Path.Combine(Path, "glue", relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return this;
    }

    public static string Sha(string content) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))).ToLowerInvariant();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
