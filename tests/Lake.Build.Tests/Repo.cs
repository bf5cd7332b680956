using System.Text.RegularExpressions;
using SocarDataLake.TestServers;

namespace SocarDataLake.Build.Tests;

/// <summary>The repository as the build and CI see it.</summary>
internal static partial class Repo
{
    public static string Root => RepositoryRoot.Path;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    /// <summary>Every task name declared with Task("...") in build/*.cake.</summary>
    public static IReadOnlySet<string> BuildTargets() =>
        Directory.GetFiles(Path("build"), "*.cake")
            .SelectMany(f => TaskDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The --target=X of every ./build.sh call in a text; a call without one runs Default.</summary>
    public static IEnumerable<string> TargetsCalledIn(string text) =>
        BuildShCall().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : "Default");

    [GeneratedRegex("""^\s*Task\("([A-Za-z]+)"\)""", RegexOptions.Multiline)]
    private static partial Regex TaskDeclaration();

    [GeneratedRegex(@"\./build\.(?:sh|ps1)(?:[^\n]*?--target=([A-Za-z]+))?")]
    private static partial Regex BuildShCall();
}
