using System.Net;
using System.Net.Sockets;
using SocarDataLake.TestServers;

namespace SocarDataLake.Producers.Tests.AwsViews;

/// <summary>
/// What `lake status|runs|quarantine --aws` say when AWS refuses a call: one line on stderr naming the service, the
/// call and what it read, AWS's code and message and what to check, exit 1 (AWS could not be read), no stack trace.
/// </summary>
public sealed class AwsViewRefusalCliTests
{
    private static DeployedLake WithRuns()
    {
        var lake = new DeployedLake();
        lake.Summary("tripdata", "jr_t1", 0, rowsOut: 10, rowsQuarantined: 1);
        lake.JobRun("tripdata", "jr_t1", 0, "SUCCEEDED", 96);
        lake.BadRows("tripdata", "jr_t1", 0, [("s3://socar-lake-dev-raw/tripdata/a.csv", "fare_amount: 'x' is not a valid double")]);
        return lake;
    }

    private static string OneLine(CliRun run)
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Error}{run.Output}");
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, run.Error);
        Assert.DoesNotContain(" at ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("LAKE_DEBUG", lines[0], StringComparison.Ordinal);
        return lines[0];
    }

    [Fact]
    public async Task A_listing_s3_denies_names_the_bucket_prefix_and_the_action_the_caller_needs()
    {
        using var lake = WithRuns();
        lake.S3.DeniedPrefixes.Add($"{DeployedLake.QuarantineBucket}/tripdata/");

        var line = OneLine(await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "quarantine", "--aws", "tripdata"));

        Assert.StartsWith($"lake: S3 ListObjectsV2 of s3://{DeployedLake.QuarantineBucket}/tripdata/run= failed: AccessDenied: Access Denied. ", line, StringComparison.Ordinal);
        Assert.Contains($"The caller needs s3:ListBucket on arn:aws:s3:::{DeployedLake.QuarantineBucket} for the prefix tripdata/run=", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_summary_s3_denies_names_the_object_and_both_actions_reading_it_needs()
    {
        using var lake = WithRuns();
        lake.S3.DeniedPrefixes.Add($"{DeployedLake.ProcessedBucket}/_runs/tripdata/jr_t1.json");

        var line = OneLine(await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "runs", "--aws", "tripdata"));

        Assert.StartsWith($"lake: S3 GetObject of s3://{DeployedLake.ProcessedBucket}/_runs/tripdata/jr_t1.json failed: AccessDenied: Access Denied. ", line, StringComparison.Ordinal);
        Assert.Contains("s3:GetObject on arn:aws:s3:::socar-lake-dev-processed/_runs/tripdata/jr_t1.json and kms:Decrypt on the lake key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_session_token_says_to_check_the_credentials()
    {
        using var lake = WithRuns();
        lake.S3.TokenExpired = true;

        var line = OneLine(await Cli.RunAsync(lake.Lake.Folder, lake.Env(), "status", "--aws"));

        Assert.Contains("failed: ExpiredToken: The provided token has expired. Check the credentials (AWS_ACCESS_KEY_ID", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GetTables", "status", "Glue GetTables of database socar_lake_dev_processed failed: AccessDeniedException: User: arn:aws:iam::111122223333:user/observer is not authorized to perform: glue:GetTables", "The caller needs glue:GetTables on the catalog, the database socar_lake_dev_processed and its tables")]
    [InlineData("GetPartitions", "status", "Glue GetPartitions of table socar_lake_dev_processed.", "The caller needs glue:GetPartitions on the catalog, the database socar_lake_dev_processed and the table ")]
    [InlineData("GetJobRuns", "runs", "Glue GetJobRuns of job socar-lake-dev-", "The caller needs glue:GetJobRuns on the job socar-lake-dev-")]
    public async Task A_glue_call_denied_names_the_operation_its_resource_and_action(string operation, string verb, string what, string needs)
    {
        using var lake = WithRuns();
        lake.Glue.Denied.Add(operation);

        var line = OneLine(await Cli.RunAsync(lake.Lake.Folder, lake.Env(), verb, "--aws"));

        Assert.StartsWith($"lake: {what}", line, StringComparison.Ordinal);
        Assert.Contains(needs, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("quarantine")]
    public async Task S3_out_of_reach_names_the_call_and_the_endpoint_setting_to_check(string verb)
    {
        using var lake = WithRuns();
        var env = lake.Env();
        // A port just freed: nothing listens there, so every connection is refused.
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        env["AWS_ENDPOINT_URL_S3"] = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}";
        closed.Stop();

        var line = OneLine(await Cli.RunAsync(lake.Lake.Folder, env, verb, "--aws", "tripdata"));

        Assert.StartsWith("lake: S3 ", line, StringComparison.Ordinal);
        Assert.Contains(" got no answer (", line, StringComparison.Ordinal);
        Assert.Contains("check the network, --region and AWS_ENDPOINT_URL_S3", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_while_a_view_waits_on_aws_says_so_and_exits_143()
    {
        using var lake = WithRuns();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var env = lake.Env();
        env["AWS_ENDPOINT_URL_S3"] = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        using var run = LakeProcess.Start(lake.Lake.Folder, env, "runs", "--aws", "tripdata");

        // The call is under way once S3 has its connection: accepted here, never answered.
        using var connection = await silent.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        run.Terminate();
        var stopped = await run.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(stopped.ExitCode == 143, $"exit {stopped.ExitCode}: {stopped.Error}{stopped.Output}");
        Assert.Equal("lake: stopped by SIGTERM.", stopped.Error.Trim());
    }
}
