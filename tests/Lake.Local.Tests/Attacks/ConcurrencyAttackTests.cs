using System.Text.Json;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Local.Tests.Attacks;

/// <summary>Two or more `lake` processes at once on one lake: each row once, no catalog update lost, no work stranded.</summary>
public sealed class ConcurrencyAttackTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> IngestedCatalog(CliLake lake) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(lake.Root.Catalog, "ingested", "tripdata.json")))!;

    [Fact]
    public async Task The_same_file_ingested_by_two_processes_at_once_lands_once()
    {
        const int rows = 20_000;
        for (var trial = 0; trial < 8; trial++)
        {
            using var lake = new CliLake();
            var file = lake.WriteTrips("trips.csv", rows);

            var runs = await Task.WhenAll(lake.RunAsync("ingest", file, "--dataset", "tripdata"), lake.RunAsync("ingest", file, "--dataset", "tripdata"));

            foreach (var run in runs) Assert.True(run.ExitCode == 0, $"trial {trial}: exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.Equal(rows, lake.Count("tripdata"));
            Assert.Single(lake.RawObjects("tripdata"));
            Assert.Empty(lake.Pending("tripdata"));
        }
    }

    [Fact]
    public async Task Different_files_ingested_at_once_all_land_once_and_the_catalog_keeps_every_one()
    {
        const int files = 4, rows = 5_000;
        for (var trial = 0; trial < 4; trial++)
        {
            using var lake = new CliLake();
            var inputs = Enumerable.Range(0, files).Select(i => lake.WriteTrips($"trips-{i}.csv", rows, variant: i)).ToArray();

            var runs = await Task.WhenAll(inputs.Select(f => lake.RunAsync("ingest", f, "--dataset", "tripdata")));

            foreach (var run in runs) Assert.True(run.ExitCode == 0, $"trial {trial}: exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.Equal(files, IngestedCatalog(lake).Count);
            Assert.Equal(files * rows, lake.Count("tripdata"));
            Assert.Empty(lake.Pending("tripdata"));
            var again = await lake.RunAsync(["ingest", .. inputs, "--dataset", "tripdata"]);
            Assert.Equal(files, again.Output.Split('\n').Count(l => l.StartsWith("skipped", StringComparison.Ordinal)));
            Assert.Equal(files * rows, lake.Count("tripdata"));
        }
    }

    [Fact]
    public async Task An_ingest_that_waited_for_a_busy_job_says_which_run_committed_its_object()
    {
        using var lake = new CliLake();
        var file = lake.WriteTrips("trips.csv", 300);
        CliRun run;
        string committedBy;
        // Another process's job run holds the dataset's job lock, and commits the object this ingest landed.
        var busyJob = new FileStream(Path.Combine(lake.Root.Locks, "tripdata.job.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            using var ingest = lake.Start("ingest", file, "--dataset", "tripdata");
            await ingest.WaitForLineAsync(line => line.Contains("ETL job; waiting for it to finish", StringComparison.Ordinal), Cancel);
            committedBy = new EtlEngine(lake.Root, lake.Catalog, new Core.Typing.DuckDbTypingPlanRenderer(), TimeProvider.System)
                .Run("tripdata", EtlEngine.NewRunId(TimeProvider.System), [], Cancel).RunId;
            busyJob.Dispose();
            run = await ingest.WaitForExitAsync(Cancel);
        }
        finally
        {
            busyJob.Dispose();
        }

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var key = Assert.Single(lake.RawObjects("tripdata"));
        Assert.Contains($"raw/{Path.GetRelativePath(lake.Root.ZonePath(Core.Zones.Zone.Raw), key)}: committed by run {committedBy} of another process (300 rows in = 300 out + 0 quarantined in that run)", run.Output, StringComparison.Ordinal);
        Assert.Equal(300, lake.Count("tripdata"));
    }

    [Fact]
    public async Task A_stream_that_meets_a_busy_job_waits_for_it_and_ends_with_nothing_pending()
    {
        using var lake = new CliLake();
        var lockFile = Path.Combine(lake.Root.Locks, "rides.job.lock");
        CliRun run;
        // Another process's job run, as the lake sees one: the dataset's job lock held.
        var busyJob = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            using var stream = lake.Start("stream", "rides", "--rate", "2000", "--count", "500", "--seed", "7");
            await stream.WaitForLineAsync(line => line.Contains("waiting for it to finish", StringComparison.Ordinal), Cancel);
            busyJob.Dispose();
            run = await stream.WaitForExitAsync(Cancel);
        }
        finally
        {
            busyJob.Dispose();
        }

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(500, lake.Count("rides"));
        Assert.Empty(lake.Pending("rides"));
        Assert.Contains("objects of this stream are committed", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(lake.Root.DeadLetters) && File.ReadAllText(lake.Root.DeadLetters).Length > 0, "nothing should be dead-lettered");
    }
}
