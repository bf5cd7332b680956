// Everything a task needs to know about this run, resolved once in Setup.
public sealed class BuildParameters
{
    public string Target { get; init; }
    public string Configuration { get; init; }
    public string Environment { get; init; }
    public DirectoryPath Root { get; init; }
    public DirectoryPath Artifacts => Root.Combine("artifacts");
    public DirectoryPath TestResults => Artifacts.Combine("test-results");
    public DirectoryPath LambdaArtifacts => Artifacts.Combine("lambdas");
    public DirectoryPath GlueArtifacts => Artifacts.Combine("glue");
    public DirectoryPath TerraformDir => Root.Combine("terraform");
    public FilePath Solution => Root.CombineWithFilePath("SocarDataLake.slnx");
    public string Runtime { get; init; }

    /// <summary>Folder of an offline hashicorp/aws provider mirror, or null to use the public registry.</summary>
    public DirectoryPath ProviderMirror { get; init; }

    public static BuildParameters Resolve(ICakeContext context)
    {
        var mirror = FindProviderMirror(context);
        return new BuildParameters
        {
            Target = context.Argument("target", "Default"),
            Configuration = context.Argument("configuration", "Release"),
            Environment = context.Argument("env", context.EnvironmentVariable("LAKE_ENV") ?? ""),
            Runtime = context.Argument("runtime", "linux-x64"),
            Root = FindRepoRoot(context),
            ProviderMirror = mirror,
        };
    }

    // Cake runs with the script's folder as working directory: the repo root is where global.json is.
    private static DirectoryPath FindRepoRoot(ICakeContext context)
    {
        var dir = context.Environment.WorkingDirectory;
        while (dir != null && !System.IO.File.Exists(dir.CombineWithFilePath("global.json").FullPath)) dir = dir.GetParent();
        return dir ?? throw new CakeException("Cannot find the repository root (no global.json above the working directory).");
    }

    // A filesystem mirror holds registry.terraform.io/hashicorp/aws/<version>/<os_arch>/.
    private static DirectoryPath FindProviderMirror(ICakeContext context)
    {
        var candidates = new List<string>();
        var fromEnv = context.EnvironmentVariable("TF_PROVIDER_MIRROR");
        if (!string.IsNullOrWhiteSpace(fromEnv)) candidates.Add(fromEnv);
        candidates.AddRange(new[] { "/opt/tf-plugins", "/usr/share/terraform/plugins", "/usr/local/share/terraform/plugins" });
        foreach (var dir in candidates)
        {
            if (System.IO.Directory.Exists(System.IO.Path.Combine(dir, "registry.terraform.io", "hashicorp", "aws")))
                return context.MakeAbsolute(context.Directory(dir));
        }
        return null;
    }
}
