using System.Text.Json;
using System.Text.Json.Nodes;
using SocarDataLake.Simulate.Plan;
using SocarDataLake.TestServers;

namespace SocarDataLake.Simulate.Tests;

/// <summary>
/// etl-trigger's pacing settings as `lake simulate` reads them from a plan: a value the deployed Lambda would refuse
/// at cold start (ReconcileSettings: seconds from 0 to 86400) is refused here too, naming the setting (exit 2), instead
/// of simulating a lake that cannot exist; a valid value is what the simulated reconciler runs with.
/// </summary>
public sealed class PacingSettingsTests : IDisposable
{
    private readonly string plans = Directory.CreateTempSubdirectory("lake-pacing-").FullName;

    public void Dispose() => Directory.Delete(plans, recursive: true);

    [Theory]
    [InlineData("LAKE_MIN_CRAWL_INTERVAL_SECONDS", "-5")]
    [InlineData("LAKE_MIN_CRAWL_INTERVAL_SECONDS", "abc")]
    [InlineData("LAKE_MIN_CRAWL_INTERVAL_SECONDS", "90000")]
    [InlineData("LAKE_MIN_JOB_INTERVAL_SECONDS", "-5")]
    [InlineData("LAKE_MIN_JOB_INTERVAL_SECONDS", "abc")]
    [InlineData("LAKE_MIN_JOB_INTERVAL_SECONDS", "90000")]
    public async Task A_setting_etl_trigger_would_refuse_exits_2_naming_the_setting_and_the_value(string setting, string value)
    {
        var plan = PlanWith(new() { [setting] = value });

        var run = await Lake("simulate", "--plan", plan, "--hours", "1", "--uploads-per-hour", "1", "--format", "json");

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Output}{run.Error}");
        Assert.Contains($"etl-trigger's {setting} must be a number of seconds from 0 to 86400, not '{value}'", run.Error, StringComparison.Ordinal);
        Assert.Contains($"plan file '{plan}'", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    // Found by a hostile review: a hand-edited plan with 60 or true (JSON, not a string) failed with exit 1 and .NET's
    // "requires an element of type 'String'". Lambda environment values are strings, so such a plan is a mistake to fix.
    [Theory]
    [InlineData("LAKE_MIN_JOB_INTERVAL_SECONDS", "60", "number")]
    [InlineData("LAKE_MIN_CRAWL_INTERVAL_SECONDS", "0.5", "number")]
    [InlineData("LAKE_JOB_WAITS_FOR_CRAWL", "true", "boolean")]
    public async Task A_setting_that_is_not_a_json_string_exits_2_naming_the_setting_and_the_value(string setting, string json, string kind)
    {
        var plan = PlanWith([], new() { [setting] = JsonNode.Parse(json)! });

        var run = await Lake("simulate", "--plan", plan, "--hours", "1", "--uploads-per-hour", "1", "--format", "json");

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Output}{run.Error}");
        Assert.Contains($"plan file '{plan}': etl-trigger's environment variable {setting} is {json}, a JSON {kind}; Lambda environment values are strings: write \"{json}\"", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("LAKE_MIN_CRAWL_INTERVAL_SECONDS", "crawler_runs")]
    [InlineData("LAKE_MIN_JOB_INTERVAL_SECONDS", "job_runs")]
    public async Task A_valid_interval_is_read_from_the_plan_and_paces_what_it_names(string setting, string starts)
    {
        // Four hours apart: over 6 h of uploads and an 8 h drain, at most four can start.
        var plan = PlanWith(new() { [setting] = "14400.0" });

        var reconcile = PlanReader.Read(plan).Reconcile!;
        var run = await Lake("simulate", "--plan", plan, "--hours", "6", "--drain-hours", "8", "--uploads-per-hour", "100", "--format", "json");

        var read = setting == "LAKE_MIN_CRAWL_INTERVAL_SECONDS" ? reconcile.MinCrawlIntervalSeconds : reconcile.MinJobIntervalSeconds;
        Assert.Equal((14400.0, SettingOrigin.Plan), (read.Value, read.Origin));
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"etl-trigger {setting} = 14400  [plan: etl-trigger environment {setting}]", run.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(0, json.RootElement.GetProperty("never_processed").GetInt32());
        Assert.InRange(json.RootElement.GetProperty(starts).GetInt32(), 1, 4);
    }

    /// <summary>The plan fixture with etl-trigger's environment changed, written to a file of its own.</summary>
    private string PlanWith(Dictionary<string, string> variables, Dictionary<string, JsonNode>? values = null)
    {
        var plan = JsonNode.Parse(File.ReadAllText(TestLakes.FixturePlan))!;
        var etlTrigger = plan["resource_changes"]!.AsArray().Single(r => (string?)r!["address"] == "module.etl_trigger.aws_lambda_function.this")!;
        var environment = etlTrigger["change"]!["after"]!["environment"]![0]!["variables"]!.AsObject();
        foreach (var (name, value) in variables) environment[name] = value;
        foreach (var (name, value) in values ?? []) environment[name] = value;
        var path = Path.Combine(plans, "plan-dev.json");
        File.WriteAllText(path, plan.ToJsonString());
        return path;
    }

    private static Task<CliRun> Lake(params string[] args) =>
        LakeCommand.RunAsync(Path.GetTempPath(), null, TestContext.Current.CancellationToken, args);
}
