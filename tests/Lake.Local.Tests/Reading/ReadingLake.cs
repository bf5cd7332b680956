using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Local.Tests.Reading;

/// <summary>What `lake ingest` said about its run: rows in, out and quarantined, whole objects quarantined, blank lines skipped, lines inside quoted values.</summary>
internal sealed record IngestCounts(long In, long Out, long Quarantined, long ObjectsQuarantined, long BlankLines = 0, long LinesInValues = 0)
{
    public bool Balanced => In == Out + Quarantined;

    /// <summary>The physical lines of one file with a header these counts account for.</summary>
    public long Lines => 1 + In + BlankLines + LinesInValues;
}

/// <summary>
/// A throwaway lake driven through the built `lake` command, as a user drives it: files written to a temporary
/// folder, `lake init`, `lake ingest`, `lake query`; quarantine records read from the files the command wrote.
/// </summary>
internal sealed partial class ReadingLake : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lake-reading-").FullName;

    public string RootPath => Path.Combine(_dir, "lake");

    public static async Task<ReadingLake> CreateAsync()
    {
        var lake = new ReadingLake();
        var init = await lake.RunAsync("init", "--root", lake.RootPath);
        Assert.True(init.ExitCode == 0, init.Output + init.Error);
        return lake;
    }

    public string InputPath(string name) => Path.Combine(_dir, "input", name);

    public string Write(string name, byte[] content)
    {
        var path = InputPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public Task<CliRun> RunAsync(params string[] args) =>
        LakeCommand.RunAsync(_dir, new Dictionary<string, string>(), TestContext.Current.CancellationToken, args);

    /// <param name="exitCode">2 when the file is quarantined whole: the run commits, but none of its rows are in the lake.</param>
    public async Task<IngestCounts> IngestAsync(string dataset, string path, int exitCode = 0)
    {
        var run = await RunAsync("ingest", path, "--dataset", dataset, "--root", RootPath);
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}\n{run.Output}{run.Error}");
        var match = RunLine().Match(run.Output);
        Assert.True(match.Success, "no run line in: " + run.Output);
        long N(string group) => long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        return new IngestCounts(N("in"), N("out"), N("bad"), N("objects"), N("blank"), match.Groups["values"].Success ? N("values") : 0);
    }

    public async Task<JsonElement[]> QueryJsonAsync(string sql)
    {
        var run = await RunAsync("query", sql, "--format", "json", "--root", RootPath);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    /// <summary>Every quarantine record the runs wrote for a dataset (bad rows, lines, whole objects).</summary>
    public List<JsonElement> Quarantined(string dataset) => QuarantineReader.Records(LakeRoot.Open(RootPath), dataset).ToList();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex(@"(?<in>[\d,]+) rows in = (?<out>[\d,]+) out \+ (?<bad>[\d,]+) quarantined; (?<objects>[\d,]+) whole objects quarantined; (?<blank>[\d,]+) blank lines skipped(; (?<values>[\d,]+) more lines inside quoted values)?")]
    private static partial Regex RunLine();
}
