// Python: every Glue script must compile, and the pure modules' unittest suite must pass.

string Python() => new[] { "python3", "python" }.FirstOrDefault(exe =>
{
    try { return StartProcess(exe, new ProcessSettings { Arguments = "--version", RedirectStandardOutput = true, RedirectStandardError = true }) == 0; }
    catch { return false; }
}) ?? throw new CakeException("Python 3 is not on PATH: install python3 (3.10 or newer) and run the build again.");

void RunPythonTests(BuildParameters p, TestTally tally)
{
    var python = Python();
    var scripts = GetFiles(p.Root.FullPath + "/glue-scripts/**/*.py");
    int compiled = 0, broken = 0;
    foreach (var script in scripts)
    {
        var code = StartProcess(python, new ProcessSettings { Arguments = $"-m py_compile \"{script.FullPath}\"", WorkingDirectory = p.Root });
        if (code == 0) compiled++; else { broken++; Error($"py_compile failed: {p.Root.GetRelativePath(script)}"); }
    }
    tally.Add("python py_compile glue-scripts", compiled, broken);

    var testDir = p.Root.Combine("tests").Combine("glue_scripts");
    if (!DirectoryExists(testDir)) return;
    var env = new Dictionary<string, string> { ["PYTHONPATH"] = p.Root.Combine("glue-scripts").FullPath, ["PYTHONDONTWRITEBYTECODE"] = "1",
                                                 // Under the build the offline plan and rendered plans exist: a test needing them fails, not skips.
                                                 ["LAKE_BUILD_ARTIFACTS"] = "1" };
    var run = RunAndCapture(python, $"-m unittest discover -s \"{testDir.FullPath}\" -p \"test_*.py\" -v", p.Root, env);
    var ran = System.Text.RegularExpressions.Regex.Match(run.Output, @"^Ran (\d+) tests?", System.Text.RegularExpressions.RegexOptions.Multiline);
    int total = ran.Success ? int.Parse(ran.Groups[1].Value) : 0;
    int Count(string kind)
    {
        var m = System.Text.RegularExpressions.Regex.Match(run.Output, kind + @"=(\d+)");
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }
    int failed = Count("failures") + Count("errors") + Count("unexpected successes");
    int skipped = Count("skipped") + Count("expected failures");
    if (run.ExitCode != 0 && failed == 0) failed = 1;
    tally.Add("python unittest tests/glue_scripts", Math.Max(0, total - failed - skipped), failed, skipped);
}
