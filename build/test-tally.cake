// Counts every test runner's results so the Test target can close with one line CI reads.
public sealed class TestTally
{
    private readonly List<(string Runner, int Passed, int Failed, int Skipped)> _runs = new();

    public bool Ran => _runs.Count > 0;
    public int Passed => _runs.Sum(r => r.Passed);
    public int Failed => _runs.Sum(r => r.Failed);
    public int Skipped => _runs.Sum(r => r.Skipped);

    public void Add(string runner, int passed, int failed, int skipped = 0) => _runs.Add((runner, passed, failed, skipped));

    public IEnumerable<string> Breakdown() =>
        _runs.Select(r => $"  {r.Runner,-40} {r.Passed,5} passed {r.Failed,4} failed {r.Skipped,4} skipped");

    public string SummaryLine => Skipped > 0
        ? $"{Passed} passed, {Failed} failed, {Skipped} skipped"
        : $"{Passed} passed, {Failed} failed";
}

// Runs a process, streaming its output to the console while keeping it for parsing.
public sealed record ProcessRun(int ExitCode, string Output);

ProcessRun RunAndCapture(string tool, string arguments, DirectoryPath workingDirectory, IDictionary<string, string> environment = null)
{
    var lines = new List<string>();
    var settings = new ProcessSettings
    {
        Arguments = arguments,
        WorkingDirectory = workingDirectory,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        RedirectedStandardOutputHandler = line => { if (line != null) { Console.WriteLine(line); lock (lines) lines.Add(line); } return line; },
        RedirectedStandardErrorHandler = line => { if (line != null) { Console.Error.WriteLine(line); lock (lines) lines.Add(line); } return line; },
        EnvironmentVariables = environment,
    };
    using var process = StartAndReturnProcess(tool, settings);
    process.WaitForExit();
    return new ProcessRun(process.GetExitCode(), string.Join("\n", lines));
}
