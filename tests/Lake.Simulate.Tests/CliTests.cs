using System.Text.Json;
using SocarDataLake.TestServers;

namespace SocarDataLake.Simulate.Tests;

/// <summary>`lake simulate` run as a user runs it: the built command, its exit code, its words and its JSON.</summary>
public sealed class CliTests
{
    private static readonly string[] Keys =
    [
        "objects_landed", "processed_once", "processed_twice_or_more", "never_processed", "dead_lettered_valid", "dead_lettered_poison",
        "latency_p50_s", "latency_p95_s", "latency_max_s", "crawler_runs", "crawler_dpu_hours", "job_runs", "job_dpu_hours",
        "lambda_invocations", "cost_usd_per_day",
    ];

    [Fact]
    public async Task A_quiet_workload_with_short_runs_loses_nothing_exits_0_and_prints_exactly_the_issues_keys()
    {
        var run = await Lake("simulate", "--plan", TestLakes.FixturePlan, "--hours", "4", "--uploads-per-hour", "1",
            "--crawler-minutes", "1-2", "--job-minutes", "1-2", "--format", "json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(Keys, json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(json.RootElement.GetProperty("objects_landed").GetInt32() > 0);
        Assert.Contains("[plan: module.ingestion.aws_sqs_queue.this visibility_timeout_seconds]", run.Error, StringComparison.Ordinal);
        Assert.Contains("[AWS default: Configuring error handling for asynchronous invocation", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workload_of_zero_uploads_simulates_no_uploads_not_the_default_stream()
    {
        var run = await Lake("simulate", "--plan", TestLakes.FixturePlan, "--hours", "1", "--uploads-per-hour", "0", "--format", "json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(0, json.RootElement.GetProperty("objects_landed").GetInt32());
    }

    [Fact]
    public async Task The_queue_retry_wiring_under_the_issues_stream_loses_valid_events_and_exits_1()
    {
        var run = await Lake("simulate", "--plan", TestLakes.FixturePlan, "--design", "queue-retry", "--hours", "6", "--stream-records-per-second", "50");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("dead_lettered_valid", run.Output, StringComparison.Ordinal);
        Assert.Contains("LOST OR DUPLICATED", run.Output, StringComparison.Ordinal);
        Assert.Contains("from", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--hours|soon", "--hours 'soon' is not a number")]
    [InlineData("--design|fixed", "--design 'fixed' is not a design: choose current, queue-retry or seed")]
    [InlineData("--crawler-minutes|15-2", "--crawler-minutes '15-2' is not a range of minutes A-B")]
    [InlineData("--burst|lots", "--burst 'lots' is not N@MINUTE")]
    [InlineData("--fail-rate|gremlins=0.5", "--fail-rate 'gremlins=0.5' is not NAME=P")]
    [InlineData("--fail-rate|crawler=2", "--fail-rate 'crawler=2': P must be a probability")]
    [InlineData("--format|xml", "--format 'xml' is not a format")]
    // Found by a hostile review: NaN passed every range check (comparisons with NaN are false).
    [InlineData("--hours|NaN", "--hours 'NaN' is not a number")]
    [InlineData("--drain-hours|NaN", "--drain-hours 'NaN' is not a number")]
    [InlineData("--uploads-per-hour|NaN", "--uploads-per-hour 'NaN' is not a number")]
    [InlineData("--crawler-minutes|NaN-NaN", "--crawler-minutes 'NaN-NaN' is not a range of minutes A-B")]
    [InlineData("--fail-rate|lambda=NaN", "--fail-rate 'lambda=NaN': P must be a probability")]
    [InlineData("--burst|1000000000@0", "--burst '1000000000@0' is not N@MINUTE")]
    // Found by a hostile review: each of these was accepted and silently did nothing (a burst after the simulated hours
    // landed no object; poison struck only uploads; the last of two rates for one fault won).
    [InlineData("--hours|1|--burst|10@100000", "--burst '10@100000': its five minutes from minute 100000 end after the simulated 60 minutes (--hours 1)")]
    [InlineData("--hours|1|--burst|10@60", "--burst '10@60': its five minutes from minute 60 end after the simulated 60 minutes (--hours 1); give a MINUTE up to 55")]
    [InlineData("--fail-rate|lambda=0.1|--fail-rate|lambda=0.9", "--fail-rate lambda is given twice (lambda=0.1 and lambda=0.9); give each fault once")]
    [InlineData("--fail-rate|poison=1", "--fail-rate poison strikes uploads (--uploads-per-hour, --burst), and this workload has none")]
    [InlineData("--stream-records-per-second|50|--fail-rate|poison=0.5", "--fail-rate poison strikes uploads")]
    public async Task Bad_options_exit_2_naming_the_option(string args, string expected)
    {
        var run = await Lake(["simulate", "--plan", TestLakes.FixturePlan, .. args.Split('|')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_plan_exits_2_naming_the_file_and_how_to_make_it()
    {
        var run = await Lake("simulate", "--plan", "missing/plan-dev.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("plan file 'missing/plan-dev.json' not found", run.Error, StringComparison.Ordinal);
        Assert.Contains("./build.sh --target=Plan", run.Error, StringComparison.Ordinal);
    }

    // Found by a hostile review: dead_lettered_poison counted messages, so every duplicated S3 event of a poison object
    // counted it again, while every other figure counts objects.
    [Fact]
    public async Task Dead_lettered_poison_counts_objects_once_however_many_of_their_events_are_dead_lettered()
    {
        var run = await Lake("simulate", "--plan", TestLakes.FixturePlan, "--hours", "1", "--uploads-per-hour", "0", "--burst", "7@0",
            "--fail-rate", "poison=1", "--fail-rate", "s3-event-duplicate=1", "--format", "json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(0, json.RootElement.GetProperty("objects_landed").GetInt32());
        Assert.Equal(7, json.RootElement.GetProperty("dead_lettered_poison").GetInt32());
    }

    private static Task<CliRun> Lake(params string[] args) =>
        LakeCommand.RunAsync(Path.GetTempPath(), null, TestContext.Current.CancellationToken, args);
}
