// .NET: restore, build, test with xunit v3 on Microsoft.Testing.Platform, Native AOT packaging.

Task("Clean")
    .Description("Deletes artifacts/, every bin/ and obj/, and the local lake's demo root.")
    .Does<BuildParameters>(p =>
{
    CleanDirectory(p.Artifacts);
    var dirs = GetDirectories("./{lambdas,tools,tests}/**/{bin,obj}");
    DeleteDirectories(dirs, new DeleteDirectorySettings { Recursive = true, Force = true });
    Information($"Cleaned artifacts/ and {dirs.Count} bin/obj folders.");
});

Task("Restore")
    .Description("Restores the solution's NuGet packages.")
    .Does<BuildParameters>(p =>
{
    DotNetRestore(p.Solution.FullPath);
});

Task("Build")
    .Description("Compiles the whole solution (warnings are errors).")
    .IsDependentOn("Restore")
    .Does<BuildParameters>(p =>
{
    DotNetBuild(p.Solution.FullPath, new DotNetBuildSettings { Configuration = p.Configuration, NoRestore = true });
});

// Runs every .NET test project and counts results from xunit's own XML reports, not from console text:
// one report per test assembly; an assembly that started but left no report (a crashed test host, or a report
// overwritten by another's of the same name) counts as a failure, so a lost report can never pass as green.
void RunDotNetTests(BuildParameters p, TestTally tally)
{
    var resultsDir = p.TestResults.Combine("dotnet");
    CleanDirectory(resultsDir);
    var run = RunAndCapture("dotnet",
        $"test --solution \"{p.Solution.FullPath}\" -c {p.Configuration} --results-directory \"{resultsDir.FullPath}\" --report-xunit --no-progress",
        p.Root);
    var started = System.Text.RegularExpressions.Regex.Matches(run.Output, @"^Running tests from (\S+)", System.Text.RegularExpressions.RegexOptions.Multiline)
        .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    var reported = GetFiles(resultsDir.FullPath + "/*.xunit")
        .SelectMany(f => System.Xml.Linq.XDocument.Load(f.FullPath).Descendants("assembly"))
        .GroupBy(a => (string)a.Attribute("name"))
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    int Count(string attribute) => reported.Values.Sum(a => (int?)a.Attribute(attribute) ?? 0);
    int passed = Count("passed"), failed = Count("failed") + Count("errors"), skipped = Count("skipped");
    foreach (var missing in started.Where(a => !reported.ContainsKey(a)).OrderBy(a => a, StringComparer.Ordinal))
    {
        Error($"{missing} left no xunit report in {resultsDir}: its test host crashed or its report was lost; see the output above.");
        failed++;
    }
    if (run.ExitCode != 0 && failed == 0)
    {
        Error($"dotnet test exited {run.ExitCode} with no failing test in the reports (a build error?): see the output above.");
        failed = 1;
    }
    tally.Add($".NET ({reported.Count} test assemblies)", passed, failed, skipped);
}

Task("Package")
    .Description("Publishes each Lambda Native AOT into artifacts/lambdas/<function>.zip with a manifest (--runtime=linux-arm64: artifacts/lambdas/linux-arm64/).")
    .IsDependentOn("Restore")
    .IsDependentOn("GluePackage")
    .Does<BuildParameters>(p =>
{
    // linux-x64 is what Terraform deploys and the tests run; another runtime gets folders of its own.
    var crossBuild = p.Runtime != "linux-x64";
    var lambdaArtifacts = crossBuild ? p.LambdaArtifacts.Combine(p.Runtime) : p.LambdaArtifacts;
    var publishRoot = crossBuild ? p.Artifacts.Combine("publish").Combine(p.Runtime) : p.Artifacts.Combine("publish");
    var crossLinker = CrossLinkerProperties(p);
    EnsureDirectoryExists(lambdaArtifacts);
    var functions = LambdaFunctionProjects(p);
    if (functions.Count == 0) throw new CakeException("No Lambda function projects found under lambdas/*/ (a function project sets <AssemblyName>bootstrap</AssemblyName>).");
    var manifest = new List<Dictionary<string, object>>();
    foreach (var (name, project) in functions)
    {
        var publishDir = publishRoot.Combine(name);
        CleanDirectory(publishDir);
        Information($"Publishing {name} (Native AOT, {p.Runtime})...");
        DotNetPublish(project.FullPath, new DotNetPublishSettings
        {
            Configuration = p.Configuration,
            Runtime = p.Runtime,
            OutputDirectory = publishDir,
            SelfContained = true,
            MSBuildSettings = crossLinker,
        });
        var bootstrap = publishDir.CombineWithFilePath("bootstrap");
        if (!FileExists(bootstrap)) throw new CakeException($"{project}: publish produced no 'bootstrap' executable in {publishDir}.");
        var zip = lambdaArtifacts.CombineWithFilePath($"{name}.zip");
        WriteLambdaZip(bootstrap, zip);
        var bytes = System.IO.File.ReadAllBytes(zip.FullPath);
        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();
        manifest.Add(new Dictionary<string, object>
        {
            ["function"] = name,
            ["zip"] = p.Artifacts.GetRelativePath(zip).FullPath,
            ["sha256"] = sha,
            ["size"] = bytes.LongLength,
            ["bootstrap_size"] = new System.IO.FileInfo(bootstrap.FullPath).Length,
            ["runtime"] = p.Runtime,
        });
        Information($"  {zip.GetFilename()}  {bytes.LongLength / 1024.0 / 1024.0:F1} MiB  sha256 {sha[..12]}");
    }
    var manifestPath = lambdaArtifacts.CombineWithFilePath("manifest.json");
    System.IO.File.WriteAllText(manifestPath.FullPath, System.Text.Json.JsonSerializer.Serialize(manifest, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    Information($"Wrote {manifestPath}");
});

// Native AOT links with the target's C toolchain. On an x64 machine linux-arm64 needs the GNU cross
// compiler; build/aarch64-linux-gnu-cc adapts it to the clang-style flags the AOT targets pass.
DotNetMSBuildSettings CrossLinkerProperties(BuildParameters p)
{
    var settings = new DotNetMSBuildSettings();
    if (p.Runtime != "linux-arm64" || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64) return settings;
    var gcc = StartProcess("sh", new ProcessSettings { Arguments = "-c \"command -v aarch64-linux-gnu-gcc\"", RedirectStandardOutput = true });
    if (gcc != 0)
        throw new CakeException("--runtime=linux-arm64 on this x64 machine needs the GNU cross toolchain: apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross (or build on an arm64 machine).");
    settings.WithProperty("CppCompilerAndLinker", p.Root.CombineWithFilePath("build/aarch64-linux-gnu-cc").FullPath);
    settings.WithProperty("ObjCopyName", "aarch64-linux-gnu-objcopy");
    return settings;
}

// A function project is a csproj under lambdas/<function>/ whose assembly is the Lambda 'bootstrap'.
List<(string Name, FilePath Project)> LambdaFunctionProjects(BuildParameters p) =>
    GetFiles(p.Root.FullPath + "/lambdas/*/*.csproj")
        .Where(f => System.IO.File.ReadAllText(f.FullPath).Contains("<AssemblyName>bootstrap</AssemblyName>"))
        .Select(f => (f.GetDirectory().GetDirectoryName(), f))
        .OrderBy(x => x.Item1)
        .ToList();

// Lambda's provided runtimes execute 'bootstrap' from the zip: it must carry the Unix exec bit.
void WriteLambdaZip(FilePath bootstrap, FilePath zip) =>
    WriteDeterministicZip(zip, new[] { new ZipEntrySource("bootstrap", bootstrap, Convert.ToInt32("100755", 8)) });
