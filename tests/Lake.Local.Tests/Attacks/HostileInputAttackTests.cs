using System.Diagnostics;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local.Tests.Attacks;

/// <summary>Inputs and arguments a user can get wrong: refused with exit 2 and a message naming what to fix, never exit 1 or a hang.</summary>
public sealed class HostileInputAttackTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static void AssertRefused(CliRun run, string message)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".hidden.csv")]
    [InlineData("..csv")]
    public async Task A_name_starting_with_a_dot_is_refused_not_landed_and_forgotten(string name)
    {
        using var lake = new CliLake();

        var run = await lake.RunAsync("ingest", lake.WriteTrips(name, 3), "--dataset", "tripdata");

        AssertRefused(run, $"{name}: names starting with '.'");
        Assert.Empty(lake.RawObjects("tripdata"));
    }

    [Fact]
    public async Task A_fifo_is_refused_instead_of_hanging()
    {
        using var lake = new CliLake();
        var fifo = Path.Combine(lake.Folder, "input.csv");
        using (var mkfifo = Process.Start("mkfifo", [fifo])!) await mkfifo.WaitForExitAsync(Cancel);
        // Only a watchdog: a hang fails the test instead of blocking the suite.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        watchdog.CancelAfter(TimeSpan.FromMinutes(1));

        var run = await lake.RunAsync(watchdog.Token, "ingest", fifo, "--dataset", "tripdata");

        AssertRefused(run, "not a regular file");
    }

    [Theory]
    [InlineData("tab\there.csv", "tab\\there.csv")]
    [InlineData("new\nline.csv", "new\\nline.csv")]
    public async Task A_control_character_in_a_file_name_is_refused_naming_the_file_printably(string name, string printed)
    {
        using var lake = new CliLake();

        AssertRefused(await lake.RunAsync("ingest", lake.WriteTrips(name, 3), "--dataset", "tripdata"), $"{printed}: the file name holds a tab, newline or other control character");
    }

    [Fact]
    public async Task A_250_character_file_name_is_refused()
    {
        using var lake = new CliLake();

        AssertRefused(await lake.RunAsync("ingest", lake.WriteTrips(new string('n', 246) + ".csv", 3), "--dataset", "tripdata"), "the file name is 250 bytes long");
    }

    [Fact]
    public async Task A_negative_limit_is_refused()
    {
        using var lake = new CliLake();

        AssertRefused(await lake.RunAsync("query", "SELECT 1", "--limit", "-1"), "--limit -1");
    }

    [Fact]
    public async Task A_duration_beyond_any_timer_is_refused()
    {
        using var lake = new CliLake();

        AssertRefused(await lake.RunAsync("stream", "rides", "--rate", "1", "--duration", "99999999h"), "--duration '99999999h' is too long");
    }

    [Fact]
    public async Task Init_on_a_regular_file_is_refused()
    {
        using var lake = new CliLake();
        var file = lake.WriteFile("not-a-folder", "x");

        AssertRefused(await lake.RunAsync("init", "--root", file), "is a file, not a folder");
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public async Task A_refused_file_stops_the_whole_ingest_before_anything_lands()
    {
        using var lake = new CliLake();

        var run = await lake.RunAsync("ingest", lake.WriteTrips("good.csv", 3), lake.WriteTrips(".bad.csv", 3), "--dataset", "tripdata");

        AssertRefused(run, ".bad.csv");
        Assert.Empty(lake.RawObjects("tripdata"));
        Assert.False(Directory.Exists(Path.Combine(lake.Root.ZonePath(Zone.Raw), "tripdata")) && Directory.EnumerateFiles(lake.Root.ZonePath(Zone.Raw), "*", SearchOption.AllDirectories).Any());
    }

    // Found by a hostile review: random bytes or a PNG under a CSV dataset were quarantined whole and the ingest said
    // nothing and exited 0, as if the file were in the lake.
    [Theory]
    [InlineData("png")]
    [InlineData("random")]
    public async Task A_file_that_is_not_csv_at_all_is_quarantined_whole_said_on_stderr_and_exits_2(string kind)
    {
        using var lake = new CliLake();
        var bytes = new byte[4096];
        new Random(14).NextBytes(bytes);
        if (kind == "png") "\x89PNG\r\n\x1a\n"u8.CopyTo(bytes);
        var file = Path.Combine(lake.Folder, "input", $"{kind}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);

        var run = await lake.RunAsync("ingest", file, "--dataset", "tripdata");

        AssertRefused(run, $"lake: raw/tripdata/ingest_date=");
        Assert.Contains($"{kind}.csv was quarantined whole, none of its rows are in the lake: {kind}.csv: binary content", run.Error, StringComparison.Ordinal);
        Assert.Empty(lake.Pending("tripdata"));
        Assert.Equal(0, lake.Count("tripdata"));
    }

    [Theory]
    [InlineData("stream|--dataset|tripdata")]
    [InlineData("stream|rides|--dataset|tripdata|--rate|5|--count|1")]
    public async Task Stream_with_a_csv_dataset_is_refused_naming_the_option_and_the_datasets_that_stream(string args)
    {
        using var lake = new CliLake();

        var run = await lake.RunAsync(args.Split('|'));

        AssertRefused(run, "--dataset tripdata");
        Assert.Contains("Datasets that take streams: rides.", run.Error, StringComparison.Ordinal);
        Assert.Empty(lake.RawObjects("tripdata"));
        Assert.Empty(lake.RawObjects("rides"));
    }
}

