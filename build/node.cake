// JavaScript: the console's page modules that hold logic (the chart choice) are tested by Node's own runner.

void RunNodeTests(BuildParameters p, TestTally tally)
{
    var tests = p.Root.Combine("tests").Combine("Lake.Console.Tests").Combine("js");
    // TAP, whatever the terminal: its closing "# pass N" / "# fail N" lines are what is counted.
    var run = RunAndCapture("node", $"--test --test-reporter=tap \"{tests.FullPath}\"", p.Root);
    int Count(string kind)
    {
        var m = System.Text.RegularExpressions.Regex.Match(run.Output, @"^# " + kind + @" (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }
    int passed = Count("pass"), failed = Count("fail") + Count("cancelled"), skipped = Count("skipped") + Count("todo");
    if (run.ExitCode != 0 && failed == 0) failed = 1;
    if (passed + failed + skipped == 0)
    {
        Error($"node --test found no tests in {p.Root.GetRelativePath(tests)}.");
        failed = 1;
    }
    tally.Add("node --test tests/Lake.Console.Tests/js", passed, failed, skipped);
}
