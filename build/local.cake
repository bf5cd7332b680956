// The local lake: the `lake` command run end to end on the real NYC taxi sample, and the benchmarks.

FilePath LakeCliProject(BuildParameters p) => p.Root.CombineWithFilePath("tools/Lake.Cli/Lake.Cli.csproj");

Task("Local")
    .Description("Runs `lake demo`: a fresh local lake fed the real NYC taxi sample, ending with query results.")
    .IsDependentOn("Build")
    .Does<BuildParameters>(p =>
{
    var root = p.Artifacts.Combine("demo-lake");
    var code = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = $"run --no-build -c {p.Configuration} --project \"{LakeCliProject(p).FullPath}\" -- demo --root \"{root.FullPath}\"",
        WorkingDirectory = p.Root,
    });
    if (code != 0) throw new CakeException($"lake demo failed (exit {code}).");
    Information("");
    Information("Browse, query and chart this demo lake in the lake console (127.0.0.1 only; Ctrl-C stops it):");
    Information($"  ./lake serve --root \"{p.Root.GetRelativePath(root).FullPath}\" --open");
});

Task("Bench")
    .Description("Runs every benchmark project (tools/*.Bench) in Release and prints its figures (artifacts/bench/*.json).")
    // The Lambda benchmark runs the packaged Native AOT binaries.
    .IsDependentOn("Package")
    .Does<BuildParameters>(p =>
{
    var benches = GetFiles(p.Root.FullPath + "/tools/*.Bench/*.csproj").OrderBy(f => f.FullPath).ToList();
    if (benches.Count == 0) throw new CakeException("No benchmark projects found (tools/*.Bench/*.csproj).");
    foreach (var bench in benches)
    {
        Information($"== {bench.GetFilenameWithoutExtension()} ==");
        var code = StartProcess("dotnet", new ProcessSettings
        {
            Arguments = $"run -c Release --project \"{bench.FullPath}\" -- --artifacts \"{p.Artifacts.Combine("bench").FullPath}\"",
            WorkingDirectory = p.Root,
        });
        if (code != 0) throw new CakeException($"{bench.GetFilenameWithoutExtension()} failed (exit {code}).");
    }
});
