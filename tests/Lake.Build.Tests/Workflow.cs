using YamlDotNet.RepresentationModel;

namespace SocarDataLake.Build.Tests;

/// <summary>A GitHub Actions workflow file, read as plain YAML nodes.</summary>
internal sealed class Workflow
{
    private readonly YamlMappingNode _root;

    private Workflow(YamlMappingNode root) => _root = root;

    public static Workflow Load(string fileName)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Repo.Read(".github", "workflows", fileName));
        stream.Load(reader);
        return new Workflow((YamlMappingNode)stream.Documents[0].RootNode);
    }

    /// <summary>The trigger events under `on:`.</summary>
    public IReadOnlyList<string> Triggers => Child(_root, "on") switch
    {
        YamlMappingNode map => map.Children.Keys.Select(k => k.ToString()).ToList(),
        YamlSequenceNode seq => seq.Children.Select(k => k.ToString()).ToList(),
        YamlScalarNode scalar => [scalar.Value!],
        _ => [],
    };

    public YamlNode? On(string trigger) => Child(Child(_root, "on") as YamlMappingNode, trigger);

    public IReadOnlyDictionary<string, YamlMappingNode> Jobs =>
        ((YamlMappingNode)Child(_root, "jobs")!).Children.ToDictionary(kv => kv.Key.ToString(), kv => (YamlMappingNode)kv.Value);

    public static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        (Child(job, "steps") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    public static IEnumerable<string> RunCommands(YamlMappingNode job) =>
        Steps(job).Select(s => Child(s, "run")?.ToString()).OfType<string>();

    public static IEnumerable<string> UsedActions(YamlMappingNode job) =>
        Steps(job).Select(s => Child(s, "uses")?.ToString()).OfType<string>();
}
