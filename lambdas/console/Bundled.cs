namespace SocarDataLake.ConsoleLambda;

/// <summary>
/// The contracts and dashboard files embedded in the bootstrap (the zip holds nothing else), written once to the
/// function's /tmp so the loaders that read folders read them as they read the repository's.
/// </summary>
internal static class Bundled
{
    public static (string Datasets, string Dashboards) Extract()
    {
        var root = Directory.CreateTempSubdirectory("lake-console-").FullName;
        var datasets = Directory.CreateDirectory(Path.Combine(root, "datasets")).FullName;
        var dashboards = Directory.CreateDirectory(Path.Combine(root, "dashboards")).FullName;
        var assembly = typeof(Bundled).Assembly;
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var folder = name.StartsWith("datasets/", StringComparison.Ordinal) ? datasets : name.StartsWith("dashboards/", StringComparison.Ordinal) ? dashboards : null;
            if (folder is null) continue;
            using var resource = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(Path.Combine(folder, name[(name.IndexOf('/') + 1)..]));
            resource.CopyTo(file);
        }
        return (datasets, dashboards);
    }
}
