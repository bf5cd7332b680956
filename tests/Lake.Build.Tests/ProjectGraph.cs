using System.Xml.Linq;

namespace SocarDataLake.Build.Tests;

/// <summary>
/// The ProjectReference edges between the repository's csproj files, read from the files themselves, each
/// project named by its path from the repository root with forward slashes.
/// </summary>
internal sealed class ProjectGraph
{
    private readonly Dictionary<string, IReadOnlyList<string>> _references;

    private ProjectGraph(Dictionary<string, IReadOnlyList<string>> references) => _references = references;

    public IEnumerable<string> All => _references.Keys;

    public static ProjectGraph Read(string root, params string[] folders)
    {
        var references = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(root, f), "*.csproj", SearchOption.AllDirectories)))
        {
            var relative = Relative(root, file);
            if (relative.Split('/').Any(part => part is "bin" or "obj")) continue;
            var document = XDocument.Load(file);
            references[relative] = document.Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => e.Attribute("Include")?.Value ?? throw new InvalidDataException($"{relative}: a ProjectReference without Include"))
                .Select(include => Relative(root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include.Replace('\\', '/')))))
                .ToList();
        }
        return new ProjectGraph(references);
    }

    public string Find(string project) =>
        _references.ContainsKey(project) ? project : throw new InvalidOperationException($"{project} is not among the projects read: {string.Join(", ", All)}");

    public IReadOnlyList<string> References(string project) => _references[Find(project)];

    /// <summary>Every project the given one builds against, directly or through others.</summary>
    public IReadOnlySet<string> ReachableFrom(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References(project));
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next)) continue;
            foreach (var further in _references.GetValueOrDefault(next) ?? []) pending.Push(further);
        }
        return seen;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
