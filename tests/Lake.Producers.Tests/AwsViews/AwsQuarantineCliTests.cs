namespace SocarDataLake.Producers.Tests.AwsViews;

/// <summary>`lake quarantine --aws` against a loopback S3 that follows the API reference (FakeMultipartS3).</summary>
public sealed class AwsQuarantineCliTests
{
    private const string Raw = "s3://socar-lake-dev-raw";

    private static readonly (string Dataset, string Run, int File, (string, string)[] Records)[] Published =
    [
        ("tripdata", "jr_t1", 0,
        [
            ($"{Raw}/tripdata/ingest_date=2026-12-01/a.csv", "fare_amount: 'abc' is not a valid double"),
            ($"{Raw}/tripdata/ingest_date=2026-12-01/a.csv", "fare_amount: '12,50' is not a valid double; passenger_count: '-' is not a valid int"),
            ($"{Raw}/tripdata/ingest_date=2026-12-01/a.csv", "fare_amount: 'x' is not a valid double"),
        ]),
        ("tripdata", "jr_t1", 1,
        [
            ($"{Raw}/tripdata/ingest_date=2026-12-01/b.csv", "fare_amount: 'n/a' is not a valid double"),
        ]),
        ("tripdata", "jr_t2", 0,
        [
            // A raw object quarantined whole, in the bad-row shape (glue-scripts/lake_glue/runner.py).
            ($"{Raw}/tripdata/ingest_date=2026-12-02/notes.csv", "tripdata/ingest_date=2026-12-02/notes.csv: the header names column 'note' twice (as 'Note' and 'note')"),
        ]),
        ("rides", "jr_r1", 0,
        [
            ($"{Raw}/rides/ingest_date=2026-12-01/stream-1.jsonl", "rating: 'Excellent' is not one of Good, Bad, Average"),
            ($"{Raw}/rides/ingest_date=2026-12-01/stream-1.jsonl", "returned_at: required value is missing"),
        ]),
        ("rides", "jr_r1", 1,
        [
            ($"{Raw}/rides/ingest_date=2026-12-01/stream-2.jsonl", "rating: 'Great' is not one of Good, Bad, Average"),
        ]),
    ];

    private static DeployedLake Quarantined()
    {
        var lake = new DeployedLake();
        // Two keys a page: three objects of tripdata take two.
        lake.S3.ListPageSize = 2;
        foreach (var (dataset, run, file, records) in Published) lake.BadRows(dataset, run, file, records);
        // Staged by a run that has not committed: not in the lake yet, so not shown.
        lake.S3.Put(DeployedLake.QuarantineBucket, "tripdata/_staging/run=jr_t9/part-00000-staged.json", "{\"raw_object\": \"x\", \"reason\": \"pickup_at: staged, not committed\", \"values\": {}}\n");
        return lake;
    }

    [Fact]
    public async Task Bad_rows_and_whole_objects_of_both_datasets_are_grouped_by_reason_in_the_table_the_local_verb_prints()
    {
        using var lake = Quarantined();
        // The same records in the local lake's quarantine zone.
        foreach (var (dataset, run, file, records) in Published)
        {
            var folder = Directory.CreateDirectory(Path.Combine(lake.Lake.Root.Path, "quarantine", dataset, $"run={run}")).FullName;
            File.WriteAllBytes(Path.Combine(folder, $"bad-rows-{file:D5}.jsonl"), lake.S3.Objects[$"{DeployedLake.QuarantineBucket}/{dataset}/run={run}/bad-rows-{file:D5}.jsonl"].Body);
        }

        var aws = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "quarantine", "--aws");
        var local = await Cli.RunAsync(lake.Lake.Folder, null, "quarantine", "--root", lake.Lake.Root.Path);

        Assert.True(aws.ExitCode == 0, aws.Error + aws.Output);
        Assert.True(local.ExitCode == 0, local.Error + local.Output);
        var rows = Assert.Single(PrintedTables.Read(aws.Output));
        Assert.Equal(["reason", "count", "first example"], rows[0]);
        Assert.Equal(
        [
            ["tripdata: fare_amount: '…' is not a valid double", "4"],
            ["rides: rating: '…' is not one of Good, Bad, Average", "2"],
            ["rides: returned_at: required value is missing", "1"],
            ["tripdata: passenger_count: '…' is not a valid int", "1"],
            ["tripdata: tripdata/ingest_date=2026-12-02/notes.csv: the header names column '…' twice (as '…' and '…')", "1"],
        ], rows.Skip(1).Select(r => r[..2]).OrderByDescending(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ThenBy(r => r[0], StringComparer.Ordinal));
        // A wrapped cell is joined at a space, wherever the URI was cut: compare without spaces.
        var example = rows.Single(r => r[0].StartsWith("tripdata: fare_amount", StringComparison.Ordinal))[2];
        Assert.Equal($"{Raw}/tripdata/ingest_date=2026-12-01/a.csv: fare_amount: 'abc' is not a valid double".Replace(" ", "", StringComparison.Ordinal), example.Replace(" ", "", StringComparison.Ordinal));
        Assert.DoesNotContain("staged", aws.Output, StringComparison.Ordinal);
        Assert.Contains($"quarantine (s3://{DeployedLake.QuarantineBucket}/<dataset>/run=<run>/)", aws.Output, StringComparison.Ordinal);
        Assert.Equal(PrintedTables.FirstAsText(local.Output), PrintedTables.FirstAsText(aws.Output));
    }

    [Fact]
    public async Task One_dataset_shows_only_its_own_and_an_empty_quarantine_says_so()
    {
        using var lake = Quarantined();

        var rides = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "quarantine", "--aws", "rides");
        lake.S3.Objects.Clear();
        var none = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "quarantine", "--aws");

        Assert.True(rides.ExitCode == 0, rides.Error + rides.Output);
        Assert.All(Assert.Single(PrintedTables.Read(rides.Output)).Skip(1), r => Assert.StartsWith("rides: ", r[0], StringComparison.Ordinal));
        Assert.True(none.ExitCode == 0, none.Error + none.Output);
        Assert.Equal("Nothing is quarantined.", none.Output.Trim());
    }

    [Fact]
    public async Task Reading_stops_at_the_cap_of_records_and_says_what_was_left_unread()
    {
        using var lake = new DeployedLake();
        const int Cap = 100_000;
        lake.BadRows("tripdata", "jr_t1", 0, Enumerable.Range(0, Cap + 3).Select(i => ($"{Raw}/tripdata/ingest_date=2026-12-01/big.csv", $"fare_amount: '{i}x' is not a valid double")));
        lake.BadRows("tripdata", "jr_t2", 0, [($"{Raw}/tripdata/ingest_date=2026-12-02/b.csv", "trip_distance: 'far' is not a valid double")]);

        var run = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "quarantine", "--aws", "tripdata");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var rows = Assert.Single(PrintedTables.Read(run.Output)).Skip(1).ToList();
        Assert.Equal(["tripdata: fare_amount: '…' is not a valid double", "100,000"], Assert.Single(rows)[..2]);
        Assert.Contains($"Read the first 100,000 records (the cap) from 1 object(s): s3://{DeployedLake.QuarantineBucket}/tripdata/run=jr_t1/bad-rows-00000.jsonl was read in part; " +
            $"1 more object(s) of 0.2 KB were not read (first: s3://{DeployedLake.QuarantineBucket}/tripdata/run=jr_t2/bad-rows-00000.jsonl), so how many records they hold is not known;", run.Output, StringComparison.Ordinal);
        // The dataset was named: the way to see everything is to copy its objects, not to name a dataset.
        Assert.Contains($"To count them all, copy the objects (aws s3 cp --recursive s3://{DeployedLake.QuarantineBucket}/tripdata/ .).", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Name a dataset", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(lake.S3.Requests, r => r == $"GET {DeployedLake.QuarantineBucket}/tripdata/run=jr_t2/bad-rows-00000.jsonl");
    }
}
