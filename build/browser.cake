// The console's browser tests drive Debian's headless Chromium through Debian's chromedriver: both are installed here
// when missing, so the tests always run (CI included) and are never skipped for want of a browser.

void EnsureBrowser()
{
    // The paths tests/Lake.Console.BrowserTests/ConsoleBrowser.cs starts.
    var browserPackages = new[] { "chromium", "chromium-driver" };
    var browserFiles = new[] { "/usr/bin/chromium", "/usr/bin/chromedriver" };
    if (browserFiles.All(System.IO.File.Exists)) return;
    var packages = string.Join(" ", browserPackages);
    string sudo;
    if (RunQuietly("id", "-u").Output.Trim() == "0") sudo = "";
    else if (RunQuietly("sudo", "-n true").ExitCode == 0) sudo = "sudo ";
    else throw new CakeException($"The console's browser tests need Debian's {packages} and this user can neither install them (not root) nor use sudo without a password: run `sudo apt-get install -y {packages}`, then build again.");
    Information($"Installing {packages} for the console's browser tests ({sudo}apt-get)...");
    foreach (var args in new[] { "update", $"install -y --no-install-recommends {packages}" })
    {
        var code = StartProcess(sudo == "" ? "apt-get" : "sudo", new ProcessSettings
        {
            Arguments = sudo == "" ? args : $"apt-get {args}",
            EnvironmentVariables = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" },
        });
        if (code != 0) throw new CakeException($"{sudo}apt-get {args} failed (exit {code}): the console's browser tests need Debian's {packages}.");
    }
    var missing = browserFiles.Where(f => !System.IO.File.Exists(f)).ToList();
    if (missing.Count > 0) throw new CakeException($"apt-get installed {packages} but {string.Join(", ", missing)} is still missing: the browser tests expect Debian's paths.");
}

ProcessRun RunQuietly(string tool, string arguments)
{
    try
    {
        using var process = StartAndReturnProcess(tool, new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true, RedirectStandardError = true });
        process.WaitForExit();
        return new ProcessRun(process.GetExitCode(), string.Join("\n", process.GetStandardOutput()));
    }
    catch (Exception)
    {
        // The tool itself is missing (no sudo on this machine).
        return new ProcessRun(127, "");
    }
}

Task("ConsoleScreenshots")
    .Description("Runs the demo lake's console in headless Chromium and saves a screenshot of every page to artifacts/console/*.png.")
    .Does<BuildParameters>(p =>
{
    EnsureBrowser();
    var folder = p.Artifacts.Combine("console");
    CleanDirectory(folder);
    var project = p.Root.CombineWithFilePath("tests/Lake.Console.BrowserTests/Lake.Console.BrowserTests.csproj");
    var run = RunAndCapture("dotnet",
        $"test --project \"{project.FullPath}\" -c {p.Configuration} -- --filter-class SocarDataLake.LakeConsole.BrowserTests.ScreenshotTests",
        p.Root, new Dictionary<string, string> { ["LAKE_CONSOLE_SCREENSHOTS"] = folder.FullPath });
    if (run.ExitCode != 0) throw new CakeException($"The console screenshots failed (dotnet test exit {run.ExitCode}): see the output above.");
    foreach (var png in GetFiles(folder.FullPath + "/*.png").OrderBy(f => f.FullPath))
        Information($"  {p.Root.GetRelativePath(png)}");
});
