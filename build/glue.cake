// Glue: the ETL script, its pure Python package and the Spark typing plans, named by content hash so a
// changed file is a new S3 key and Terraform's job definition changes with it.

string ShortSha(FilePath file) =>
    Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(file.FullPath))).ToLowerInvariant()[..12];

// The package's .py files in name order, each named from the package's parent folder (lake_glue/...).
IEnumerable<ZipEntrySource> PythonPackageEntries(DirectoryPath package) =>
    System.IO.Directory.EnumerateFiles(package.FullPath, "*.py", System.IO.SearchOption.AllDirectories)
        .Where(f => !f.Contains("__pycache__")).OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => new ZipEntrySource(System.IO.Path.GetRelativePath(package.GetParent().FullPath, f).Replace('\\', '/'), new FilePath(f)));

FilePath CopyHashed(FilePath source, DirectoryPath dir, string stem, string extension)
{
    var target = dir.CombineWithFilePath($"{stem}-{ShortSha(source)}{extension}");
    CopyFile(source, target);
    return target;
}

Task("GluePackage")
    .Description("Renders each dataset's Spark typing plan and puts it, the Glue script and the lake_glue package into artifacts/glue/ with content hashes.")
    .IsDependentOn("Build")
    .Does<BuildParameters>(p =>
{
    var scripts = p.Root.Combine("glue-scripts");
    var script = scripts.CombineWithFilePath("etl_job.py");
    var library = scripts.Combine("lake_glue");
    if (!FileExists(script) || !DirectoryExists(library))
        throw new CakeException($"glue-scripts/etl_job.py and glue-scripts/lake_glue/ are needed to package the Glue job ({scripts}).");

    CleanDirectory(p.GlueArtifacts);
    var rendered = p.Artifacts.Combine("glue-rendered");
    CleanDirectory(rendered);
    var code = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = $"run --no-build -c {p.Configuration} --project tools/Lake.Cli/Lake.Cli.csproj -- plan --engine spark --out \"{rendered}\"",
        WorkingDirectory = p.Root,
        RedirectStandardOutput = true,
    });
    if (code != 0) throw new CakeException("Rendering the Spark typing plans failed: run './lake plan' to see why.");

    var plans = p.GlueArtifacts.Combine("plans");
    EnsureDirectoryExists(plans);
    var manifest = new List<Dictionary<string, object>>();
    void Add(string kind, FilePath file, string name) => manifest.Add(new Dictionary<string, object>
    {
        ["kind"] = kind,
        ["name"] = name,
        ["file"] = p.Artifacts.GetRelativePath(file).FullPath,
        ["size"] = new System.IO.FileInfo(file.FullPath).Length,
    });
    foreach (var plan in GetFiles(rendered.FullPath + "/*.json").OrderBy(f => f.FullPath))
        Add("plan", CopyHashed(plan, plans, plan.GetFilenameWithoutExtension().FullPath, ".json"), plan.GetFilenameWithoutExtension().FullPath);
    Add("script", CopyHashed(script, p.GlueArtifacts, "etl_job", ".py"), "etl_job");
    var zip = rendered.CombineWithFilePath("lake_glue.zip");
    WriteDeterministicZip(zip, PythonPackageEntries(library));
    Add("library", CopyHashed(zip, p.GlueArtifacts, "lake_glue", ".zip"), "lake_glue");
    DeleteDirectory(rendered, new DeleteDirectorySettings { Recursive = true });

    System.IO.File.WriteAllText(p.GlueArtifacts.CombineWithFilePath("manifest.json").FullPath,
        System.Text.Json.JsonSerializer.Serialize(manifest, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    foreach (var entry in manifest) Information($"  {entry["file"]}  {(long)entry["size"] / 1024.0:F1} KiB");
});
