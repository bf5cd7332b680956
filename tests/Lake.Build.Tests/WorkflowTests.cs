using YamlDotNet.RepresentationModel;

namespace SocarDataLake.Build.Tests;

public sealed class WorkflowTests
{
    public static TheoryData<string> WorkflowFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.Path(".github", "workflows"), "*.yml").Order()) data.Add(System.IO.Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_build_call_in_a_workflow_names_an_existing_build_target(string file)
    {
        var targets = Repo.BuildTargets();
        var workflow = Workflow.Load(file);

        foreach (var (jobName, job) in workflow.Jobs)
        {
            foreach (var run in Workflow.RunCommands(job))
            {
                foreach (var target in Repo.TargetsCalledIn(run))
                    Assert.True(targets.Contains(target), $"{file}, job '{jobName}': './build.sh --target={target}' but build/*.cake declares no Task(\"{target}\"). Known: {string.Join(", ", targets.Order())}");
            }
        }
    }

    [Fact]
    public void Pull_requests_run_the_same_test_command_as_ci_and_an_offline_plan()
    {
        var ci = Workflow.Load("ci.yml");
        Assert.Contains("pull_request", ci.Triggers);

        var runs = ci.Jobs.Values.SelectMany(Workflow.RunCommands).ToList();
        Assert.Contains(runs, r => r.Contains("./build.sh --target=Test", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("./build.sh --target=Plan", StringComparison.Ordinal) && !r.Contains("--remote", StringComparison.Ordinal));
    }

    [Fact]
    public void The_real_plan_on_pull_requests_needs_a_configured_role_and_uses_oidc()
    {
        var job = Workflow.Load("ci.yml").Jobs["aws-plan"];

        Assert.Contains("vars.AWS_PLAN_ROLE_ARN", Workflow.Child(job, "if")?.ToString(), StringComparison.Ordinal);
        Assert.Equal("write", Permission(job, "id-token"));
        Assert.Contains(Workflow.UsedActions(job), a => a.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal));
        Assert.Contains(Workflow.RunCommands(job), r => r.Contains("--target=Plan", StringComparison.Ordinal) && r.Contains("--remote=true", StringComparison.Ordinal));
    }

    [Fact]
    public void Merges_to_main_deploy_through_a_protected_environment_with_an_oidc_role()
    {
        var deploy = Workflow.Load("deploy.yml");
        var branches = Workflow.Child(deploy.On("push") as YamlMappingNode, "branches") as YamlSequenceNode;
        Assert.Contains("main", branches!.Children.Select(b => b.ToString()));

        var job = Assert.Single(deploy.Jobs.Values);
        Assert.NotNull(Workflow.Child(job, "environment"));
        Assert.Equal("write", Permission(job, "id-token"));
        Assert.DoesNotContain(Workflow.Steps(job), s => s.ToString().Contains("aws-secret-access-key", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Workflow.RunCommands(job), r => r.Contains("./build.sh --target=Deploy --env=", StringComparison.Ordinal));
    }

    [Fact]
    public void The_glue_smoke_test_runs_the_script_that_exists_inside_the_official_glue_5_image()
    {
        var job = Assert.Single(Workflow.Load("glue-smoke.yml").Jobs.Values);
        var docker = Assert.Single(Workflow.RunCommands(job), r => r.Contains("docker run", StringComparison.Ordinal));

        Assert.Contains("public.ecr.aws/glue/aws-glue-libs:5", docker, StringComparison.Ordinal);
        var script = docker.Split(' ', StringSplitOptions.RemoveEmptyEntries).Single(w => w.EndsWith(".py", StringComparison.Ordinal));
        Assert.True(File.Exists(Repo.Path(script.Replace("/home/hadoop/workspace/", "", StringComparison.Ordinal))), $"{script} is not in the repository");
    }

    private static string? Permission(YamlMappingNode job, string name) =>
        Workflow.Child(Workflow.Child(job, "permissions") as YamlMappingNode, name)?.ToString();
}
