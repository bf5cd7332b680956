using System.Globalization;

namespace SocarDataLake.Producers.Tests;

/// <summary>The `lake` producer verbs run as a user runs them: the built command, its exit code and its words.</summary>
public sealed class CliTests
{
    private static readonly Dictionary<string, string> Keys = new() { ["AWS_ACCESS_KEY_ID"] = "AKIDTEST", ["AWS_SECRET_ACCESS_KEY"] = "secret" };

    [Fact]
    public async Task Ingest_with_aws_but_no_bucket_exits_2_naming_the_option_and_the_variable()
    {
        using var lake = new ScratchLake();
        var file = lake.WriteFile("rides.jsonl", "{}\n");

        var run = await Cli.RunAsync(lake.Folder, new Dictionary<string, string>(Keys) { ["AWS_REGION"] = "ap-south-1" }, "ingest", file, "--dataset", "rides", "--aws");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--aws needs the raw bucket: pass --bucket <name> or set LAKE_RAW_BUCKET", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_missing_aws_setting_is_named_at_once()
    {
        using var lake = new ScratchLake();

        var run = await Cli.RunAsync(lake.Folder, null, "stream", "rides", "--rate", "10", "--count", "5", "--aws");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pass --stream <name or ARN> or set LAKE_STREAM", run.Error, StringComparison.Ordinal);
        Assert.Contains("pass --region <region> or set AWS_REGION", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingest|{file}|--dataset|rides|--bucket|b", "--bucket only apply with --aws")]
    [InlineData("stream|rides|--rate|10", "exactly one of --duration <time> (such as 30s or 5m) or --count <n>")]
    [InlineData("stream|rides|--rate|10|--count|5|--duration|1s", "exactly one of --duration")]
    [InlineData("stream|rides|--rate|fast|--count|5", "--rate 'fast' is not a rate")]
    [InlineData("stream|rides|--rate|0.000000001|--count|5", "--rate '0.000000001' is below the slowest rate, one record an hour: give at least 1/h")]
    [InlineData("stream|rides|--rate|0.5/h|--count|5", "--rate '0.5/h' is below the slowest rate, one record an hour")]
    [InlineData("stream-csv|{file}|--dataset|rides|--rate|0.000000001", "--rate '0.000000001' is below the slowest rate")]
    [InlineData("stream|rides|--rate|10|--duration|soon", "--duration 'soon' is not a duration")]
    [InlineData("stream|rides|--rate|10|--count|5|--aws|--buffer-size|2", "--buffer-size and --buffer-interval shape the local stream")]
    [InlineData("stream|rides|--rate|10|--count|5|--buffer-size|0", "--buffer-size 0 is out of range: Firehose accepts 1 to 128")]
    [InlineData("stream|rides|--rate|10|--count|5|--buffer-size|129", "--buffer-size 129 is out of range")]
    [InlineData("stream|rides|--rate|10|--count|5|--buffer-interval|901", "--buffer-interval 901 is out of range: Firehose accepts 0 to 900")]
    [InlineData("ingest|{file}|--dataset|rides|--ingest-date|25/11/2026", "--ingest-date '25/11/2026' is not a date: give YYYY-MM-DD")]
    [InlineData("stream-csv|{file}|--dataset|tripdata", "the tripdata contract reads CSV objects, but a stream lands JSON lines")]
    [InlineData("stream-csv|{file}|--dataset|rides|--partition-key|nope", "--partition-key nope: {file} has no such column; its columns are a, b")]
    public async Task Usage_errors_exit_2_with_a_message_saying_what_to_do(string args, string expected)
    {
        using var lake = new ScratchLake();
        var file = lake.WriteFile("input.csv", "a,b\n1,2\n");

        var run = await Cli.RunAsync(lake.Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path }, args.Replace("{file}", file, StringComparison.Ordinal).Split('|'));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected.Replace("{file}", file, StringComparison.Ordinal), run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_rides_count_1000_makes_1000_rows_queryable()
    {
        using var lake = new ScratchLake();
        var env = new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path };

        var stream = await Cli.RunAsync(lake.Folder, env, "stream", "rides", "--rate", "5000/s", "--count", "1000", "--seed", "7");
        var query = await Cli.RunAsync(lake.Folder, env, "query", "SELECT count(*) AS n, count(DISTINCT rating) AS ratings FROM rides", "--format", "csv");

        Assert.True(stream.ExitCode == 0, stream.Error);
        Assert.Contains("1,000 records streamed", stream.Output, StringComparison.Ordinal);
        Assert.Contains("1,000 rows in = 1,000 out + 0 quarantined", stream.Output, StringComparison.Ordinal);
        Assert.Equal(["n,ratings", "1000,3"], query.Output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Stream_rides_at_the_slowest_rate_one_an_hour_is_taken()
    {
        using var lake = new ScratchLake();
        var env = new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path };

        // One event is due at once, so this ends without waiting the hour.
        var stream = await Cli.RunAsync(lake.Folder, env, "stream", "rides", "--rate", "1/h", "--count", "1");

        Assert.True(stream.ExitCode == 0, stream.Error);
        Assert.Contains("1 rows in = 1 out + 0 quarantined", stream.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantine_groups_each_failed_check_once_even_when_a_value_holds_the_separator()
    {
        using var lake = new ScratchLake();
        var csv = lake.WriteFile("rides.csv", """
            vehiclenumber,vehicle_returned,kms_driven,rating,customer,vehicle_type
            KA01AB1234,1764036000,x,x; DROP TABLE t; --,Rao,SUV
            """);
        var env = new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path };

        var stream = await Cli.RunAsync(lake.Folder, env, "stream-csv", csv, "--dataset", "rides", "--partition-key", "vehiclenumber");
        var quarantine = await Cli.RunAsync(lake.Folder, env, "quarantine", "rides");

        Assert.True(stream.ExitCode == 0, stream.Error);
        Assert.Contains("1 rows in = 0 out + 1 quarantined", stream.Output, StringComparison.Ordinal);
        Assert.Contains("rides: kms_driven: '…' is not a valid double", quarantine.Output, StringComparison.Ordinal);
        Assert.Contains("rides: rating: '…' is not one of Good, Bad, Average", quarantine.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("rides: DROP TABLE", quarantine.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_csv_lands_each_row_as_a_json_record_the_rides_contract_types()
    {
        using var lake = new ScratchLake();
        var csv = lake.WriteFile("rides.csv", """
            vehiclenumber,vehicle_returned,kms_driven,rating,customer,vehicle_type
            KA01AB1234,1764036000,42.5,Good,"Rao, Priya",SUV
            MH12CD0001,1764039600,,Average,Iyer,Sedan
            DL03EF5555,1764043200,12,Superb,Khan,Hatchback
            """);
        var env = new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path };

        var stream = await Cli.RunAsync(lake.Folder, env, "stream-csv", csv, "--dataset", "rides", "--partition-key", "vehiclenumber");

        Assert.True(stream.ExitCode == 0, stream.Error);
        Assert.Contains("3 rows in = 2 out + 1 quarantined", stream.Output, StringComparison.Ordinal);
        var rows = lake.Query("SELECT vehicle_number, returned_at, kms_driven, customer FROM rides ORDER BY vehicle_number").Rows;
        Assert.Equal("KA01AB1234", rows[0][0]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764036000).UtcDateTime, rows[0][1]);
        Assert.Equal(42.5, Convert.ToDouble(rows[0][2], CultureInfo.InvariantCulture));
        Assert.Equal("Rao, Priya", rows[0][3]);
        Assert.Null(rows[1][2]);
    }

    [Fact]
    public async Task Ingest_with_aws_uploads_under_the_raw_key_to_the_endpoint_override()
    {
        using var lake = new ScratchLake();
        using var s3 = new FakeMultipartS3();
        var file = lake.WriteFile("rides-2026.jsonl", "{\"vehiclenumber\":\"KA01AB1234\"}\n");
        var env = new Dictionary<string, string>(Keys) { ["AWS_REGION"] = "ap-south-1", ["AWS_ENDPOINT_URL_S3"] = s3.Url };

        var run = await Cli.RunAsync(lake.Folder, env, "ingest", file, "--dataset", "rides", "--aws", "--bucket", "socar-lake-dev-raw", "--ingest-date", "2026-11-25");

        Assert.True(run.ExitCode == 0, run.Error);
        var key = "socar-lake-dev-raw/rides/ingest_date=2026-11-25/rides-2026.jsonl";
        Assert.Equal(File.ReadAllBytes(file), s3.Objects[key].Body);
        Assert.Contains("uploaded  ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_with_aws_names_the_lake_key_from_LAKE_KMS_KEY_ARN_so_the_bucket_policy_accepts_it()
    {
        const string lakeKey = "arn:aws:kms:ap-south-1:111122223333:key/11111111-2222-3333-4444-555555555555";
        using var lake = new ScratchLake();
        using var s3 = new FakeMultipartS3 { LakeKey = lakeKey };
        var file = lake.WriteFile("rides-2026.jsonl", "{\"vehiclenumber\":\"KA01AB1234\"}\n");
        var env = new Dictionary<string, string>(Keys) { ["AWS_REGION"] = "ap-south-1", ["AWS_ENDPOINT_URL_S3"] = s3.Url, ["LAKE_KMS_KEY_ARN"] = lakeKey };

        var run = await Cli.RunAsync(lake.Folder, env, "ingest", file, "--dataset", "rides", "--aws", "--bucket", "socar-lake-dev-raw", "--ingest-date", "2026-11-25");

        Assert.True(run.ExitCode == 0, run.Error);
        var stored = s3.Objects["socar-lake-dev-raw/rides/ingest_date=2026-11-25/rides-2026.jsonl"];
        Assert.Equal(("aws:kms", lakeKey), (stored.Encryption, stored.KmsKeyId));
    }

    [Fact]
    public async Task Ingest_with_a_kms_key_that_is_not_an_arn_exits_2_before_uploading()
    {
        using var lake = new ScratchLake();
        var file = lake.WriteFile("rides.jsonl", "{}\n");
        var env = new Dictionary<string, string>(Keys) { ["AWS_REGION"] = "ap-south-1" };

        var run = await Cli.RunAsync(lake.Folder, env, "ingest", file, "--dataset", "rides", "--aws", "--bucket", "b", "--kms-key", "alias/socar-lake-dev-lake");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("give the lake key's ARN", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_rides_with_aws_puts_every_event_to_the_kinesis_endpoint_keyed_by_vehicle()
    {
        using var lake = new ScratchLake();
        using var kinesis = new FakeKinesis();
        var env = new Dictionary<string, string>(Keys) { ["AWS_REGION"] = "ap-south-1", ["AWS_ENDPOINT_URL_KINESIS"] = kinesis.Url };

        var run = await Cli.RunAsync(lake.Folder, env, "stream", "rides", "--rate", "2000", "--count", "600", "--seed", "1", "--aws", "--stream", "socar-lake-dev-rides");

        Assert.True(run.ExitCode == 0, run.Error);
        var records = kinesis.Calls.SelectMany(c => c.Records).ToList();
        Assert.Equal(600, records.Count);
        Assert.All(kinesis.Calls, c => Assert.Equal("socar-lake-dev-rides", c.StreamName));
        Assert.All(records, r => Assert.Equal(r.PartitionKey, System.Text.Json.JsonDocument.Parse(r.Data).RootElement.GetProperty("vehiclenumber").GetString()));
        Assert.Contains("600 delivered to Kinesis stream socar-lake-dev-rides", run.Output, StringComparison.Ordinal);
    }
}
