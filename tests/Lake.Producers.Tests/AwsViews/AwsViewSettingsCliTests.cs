using System.Text.Json;

namespace SocarDataLake.Producers.Tests.AwsViews;

/// <summary>Where `lake status|runs|quarantine --aws` look: options, then variables, then the saved terraform outputs; every gap named, exit 2.</summary>
public sealed class AwsViewSettingsCliTests
{
    private static Dictionary<string, string> Bare(DeployedLake lake)
    {
        var env = lake.Env();
        foreach (var name in new[] { "LAKE_TF_OUTPUTS", "AWS_REGION" }) env.Remove(name);
        return env;
    }

    [Theory]
    [InlineData("status", new[] { "the processed bucket (run summaries under _runs/): set LAKE_PROCESSED_BUCKET or pass --outputs <file> (the environment's `terraform output -json`, output processed_bucket_name)",
        "the Glue jobs: set LAKE_JOB_PREFIX", "the processed database (Glue): set LAKE_DATABASE", "the ingest queue: set LAKE_INGEST_QUEUE_URL",
        "the ingest dead-letter queue: set LAKE_INGEST_DLQ_URL", "the events dead-letter queue: set LAKE_EVENTS_DLQ_URL", "the AWS region: pass --region <region> or set AWS_REGION" })]
    [InlineData("runs", new[] { "the processed bucket (run summaries under _runs/): set LAKE_PROCESSED_BUCKET", "the Glue jobs: set LAKE_JOB_PREFIX", "the AWS region" })]
    [InlineData("quarantine", new[] { "the quarantine bucket: set LAKE_QUARANTINE_BUCKET or pass --outputs <file> (the environment's `terraform output -json`, output bucket_names[\"quarantine\"])", "the AWS region" })]
    public async Task Every_missing_setting_of_a_view_is_named_in_one_error_before_anything_is_sent(string verb, string[] named)
    {
        using var lake = new DeployedLake();

        var run = await Cli.RunAsync(lake.Lake.Folder, Bare(lake), verb, "--aws");

        Assert.Equal(2, run.ExitCode);
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("lake: --aws needs ", error, StringComparison.Ordinal);
        foreach (var setting in named) Assert.Contains(setting, error, StringComparison.Ordinal);
        Assert.Equal(named.Length, error.Split("; and ").Length);
        Assert.Empty(lake.Glue.Calls);
        Assert.Empty(lake.S3.Requests);
        Assert.Empty(lake.Sqs.Calls);
    }

    [Fact]
    public async Task An_outputs_file_is_named_when_it_is_missing_is_not_json_or_lacks_an_output()
    {
        using var lake = new DeployedLake();
        var outputs = lake.Outputs();
        outputs.Remove("bucket_names");
        var lacking = lake.Lake.WriteFile("stage-outputs.json", outputs.ToJsonString());
        var broken = lake.Lake.WriteFile("broken.json", "{\n  \"processed_bucket_name\": {\"value\": \"x\"\n");
        var env = Bare(lake);
        env["AWS_REGION"] = "ap-south-1";

        var noFile = await Cli.RunAsync(lake.Lake.Folder, env, "quarantine", "--aws", "--outputs", "nope.json");
        var notJson = await Cli.RunAsync(lake.Lake.Folder, env, "quarantine", "--aws", "--outputs", broken);
        var noOutput = await Cli.RunAsync(lake.Lake.Folder, env, "quarantine", "--aws", "--outputs", lacking);

        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains("lake: --outputs nope.json: no such file; save it with: terraform -chdir=terraform/envs/<env> output -json > lake-outputs.json.", noFile.Error, StringComparison.Ordinal);
        Assert.Equal(2, notJson.ExitCode);
        Assert.Contains($"lake: {broken} is not JSON (line 3)", notJson.Error, StringComparison.Ordinal);
        Assert.Equal(2, noOutput.ExitCode);
        Assert.Contains($"the quarantine bucket: {lacking} has no output bucket_names[\"quarantine\"]; set LAKE_QUARANTINE_BUCKET", noOutput.Error, StringComparison.Ordinal);
        Assert.Empty(lake.S3.Requests);
    }

    [Fact]
    public async Task Variables_alone_are_enough_and_a_variable_wins_over_the_outputs_file()
    {
        using var lake = new DeployedLake();
        lake.BadRows("rides", "jr_r1", 0, [("s3://socar-lake-dev-raw/rides/a.jsonl", "rating: 'Great' is not one of Good, Bad, Average")]);
        lake.S3.Put("socar-lake-stage-quarantine", "rides/run=jr_s1/bad-rows-00000.jsonl", JsonSerializer.Serialize(new { raw_object = "s3://stage/rides/b.jsonl", reason = "returned_at: required value is missing", values = new { } }) + "\n");
        lake.Summary("tripdata", "jr_t1", 0, rowsOut: 7, rowsQuarantined: 0);
        lake.JobRun("tripdata", "jr_t1", 0, "SUCCEEDED", 60);
        var variables = Bare(lake);
        variables["AWS_REGION"] = "ap-south-1";
        variables["LAKE_PROCESSED_BUCKET"] = DeployedLake.ProcessedBucket;
        variables["LAKE_JOB_PREFIX"] = "socar-lake-dev-";
        var overridden = lake.Env();
        overridden["LAKE_QUARANTINE_BUCKET"] = "socar-lake-stage-quarantine";

        var runs = await Cli.RunAsync(lake.Lake.Folder, variables, "runs", "--aws", "tripdata");
        var quarantine = await Cli.RunAsync(lake.Lake.Folder, overridden, "quarantine", "--aws", "rides");

        Assert.True(runs.ExitCode == 0, runs.Error + runs.Output);
        Assert.Equal("jr_t1", Assert.Single(Assert.Single(PrintedTables.Read(runs.Output)).Skip(1))[1]);
        Assert.True(quarantine.ExitCode == 0, quarantine.Error + quarantine.Output);
        Assert.Equal("rides: returned_at: required value is missing", Assert.Single(Assert.Single(PrintedTables.Read(quarantine.Output)).Skip(1))[0]);
    }

    [Fact]
    public async Task An_unknown_dataset_and_an_aws_option_without_aws_are_mistakes_to_fix()
    {
        using var lake = new DeployedLake();

        var unknown = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "runs", "--aws", "scooters");
        var local = await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "status", "--outputs", lake.OutputsFile, "--root", lake.Lake.Root.Path);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("lake: unknown dataset 'scooters': the AWS lake's datasets are rides, tripdata.", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, local.ExitCode);
        Assert.Contains("lake: --outputs only apply with --aws", local.Error, StringComparison.Ordinal);
        Assert.Empty(lake.Glue.Calls);
    }
}
