using System.Globalization;

namespace SocarDataLake.Producers.Tests.Athena;

/// <summary>`lake query --aws --output`: the whole result, read from the results bucket Athena wrote it to.</summary>
public sealed class AthenaOutputCliTests
{
    private static Dictionary<string, string> Env(FakeAthena athena, FakeMultipartS3 s3)
    {
        var env = athena.CliEnvironment();
        env["AWS_ENDPOINT_URL_S3"] = s3.Url;
        return env;
    }

    private static AthenaPlan Rides(int rows) =>
        new([("vehicle_number", "varchar"), ("kms_driven", "double"), ("customer", "varchar")],
            Enumerable.Range(0, rows).Select(i => new string?[] { $"KA01AB{i:D4}", (i * 0.5).ToString(CultureInfo.InvariantCulture), i % 3 == 0 ? null : $"customer, \"{i}\"" }).ToList());

    [Fact]
    public async Task The_whole_result_is_downloaded_from_the_results_bucket_whatever_the_limit()
    {
        using var lake = new ScratchLake();
        using var s3 = new FakeMultipartS3();
        using var athena = new FakeAthena(_ => Rides(50_000)) { WriteResult = (key, csv) => s3.Objects[key] = new FakeMultipartS3.StoredObject(csv, new Dictionary<string, string>(), "aws:kms", null, 0) };
        var target = Path.Combine(lake.Folder, "results.csv");

        var run = await Cli.RunAsync(lake.Folder, Env(athena, s3), "query", "--aws", "SELECT * FROM rides", "--limit", "10", "--output", target);

        Assert.True(run.ExitCode == 0, run.Error);
        var id = Assert.Single(athena.Queries).Id;
        var stored = s3.Objects[$"{FakeAthena.ResultsBucket}/{id}.csv"].Body;
        Assert.Equal(stored, File.ReadAllBytes(target));
        Assert.Equal(50_001, File.ReadAllLines(target).Length);
        Assert.Contains($"{target}: the whole result of Athena query {id}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Athena query {id}: SUCCEEDED", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(athena.Calls, c => c.Operation == "GetQueryResults");
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public async Task A_result_that_cannot_be_read_leaves_the_existing_file_as_it_was_and_exits_1()
    {
        using var lake = new ScratchLake();
        using var s3 = new FakeMultipartS3();
        using var athena = new FakeAthena(_ => Rides(5));
        var target = lake.WriteFile("results.csv", "yesterday's result\n");

        var run = await Cli.RunAsync(lake.Folder, Env(athena, s3), "query", "--aws", "SELECT * FROM rides", "--output", target);

        Assert.Equal(1, run.ExitCode);
        var id = Assert.Single(athena.Queries).Id;
        Assert.Contains($"the query SUCCEEDED but its result could not be read from s3://{FakeAthena.ResultsBucket}/{id}.csv: NoSuchKey", run.Error, StringComparison.Ordinal);
        Assert.Equal("yesterday's result\n", File.ReadAllText(target));
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public async Task A_download_that_breaks_off_leaves_the_existing_file_as_it_was_and_exits_1()
    {
        using var lake = new ScratchLake();
        using var s3 = new FakeMultipartS3 { CutGetAfterBytes = 200_000 };
        using var athena = new FakeAthena(_ => Rides(50_000)) { WriteResult = (key, csv) => s3.Objects[key] = new FakeMultipartS3.StoredObject(csv, new Dictionary<string, string>(), "aws:kms", null, 0) };
        var target = lake.WriteFile("results.csv", "yesterday's result\n");

        var run = await Cli.RunAsync(lake.Folder, Env(athena, s3), "query", "--aws", "SELECT * FROM rides", "--output", target);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"lake: the download of s3://{FakeAthena.ResultsBucket}/", run.Error, StringComparison.Ordinal);
        Assert.Contains($"broke off", run.Error, StringComparison.Ordinal);
        Assert.Equal("yesterday's result\n", File.ReadAllText(target));
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public async Task A_download_that_stalls_ends_at_the_idle_limit_naming_the_object_and_leaves_the_existing_file_as_it_was()
    {
        using var lake = new ScratchLake();
        using var s3 = new FakeMultipartS3 { StallGetAfterBytes = 200_000 };
        using var athena = new FakeAthena(_ => Rides(50_000)) { WriteResult = (key, csv) => s3.Objects[key] = new FakeMultipartS3.StoredObject(csv, new Dictionary<string, string>(), "aws:kms", null, 0) };
        var target = lake.WriteFile("results.csv", "yesterday's result\n");
        var env = Env(athena, s3);
        env["LAKE_DOWNLOAD_IDLE_SECONDS"] = "1";

        var run = await Cli.RunAsync(lake.Folder, env, "query", "--aws", "SELECT * FROM rides", "--output", target);

        Assert.Equal(1, run.ExitCode);
        var id = Assert.Single(athena.Queries).Id;
        Assert.Contains($"lake: the download stalled: s3://{FakeAthena.ResultsBucket}/{id}.csv sent no bytes for 1 s after 200,000 of", run.Error, StringComparison.Ordinal);
        Assert.Contains($"Athena query {id}: SUCCEEDED", run.Error, StringComparison.Ordinal);
        Assert.Equal("yesterday's result\n", File.ReadAllText(target));
        Assert.False(File.Exists(target + ".partial"));
    }

    [Theory]
    [InlineData(true, "no-such-folder/results.csv", "", "the folder")]
    [InlineData(true, "results.csv", "json", "drop --format json")]
    [InlineData(false, "results.csv", "", "--output only apply with --aws")]
    public async Task An_output_that_cannot_be_written_is_refused_before_anything_is_sent(bool aws, string output, string format, string expected)
    {
        using var lake = new ScratchLake();
        using var s3 = new FakeMultipartS3();
        using var athena = new FakeAthena(_ => Rides(5));
        var args = new List<string> { "query", "SELECT * FROM rides", "--output", Path.Combine(lake.Folder, output), "--root", lake.Root.Path };
        if (aws) args.Add("--aws");
        if (format.Length > 0) args.AddRange(["--format", format]);

        var run = await Cli.RunAsync(lake.Folder, Env(athena, s3), [.. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(athena.Calls);
    }
}
