namespace SocarDataLake.Build.Tests;

public sealed class EntryPointTests
{
    [Fact]
    public void Ci_runs_exactly_the_readme_test_command()
    {
        var ci = Repo.Read(".ci", "run");
        Assert.Equal(["Test"], Repo.TargetsCalledIn(ci));
    }

    [Fact]
    public void Readme_opens_with_the_two_commands()
    {
        var readme = Repo.Read("README.md");
        var firstBlock = readme[..readme.IndexOf("\n## ", StringComparison.Ordinal)];
        Assert.Contains("./build.sh\n", firstBlock, StringComparison.Ordinal);
        Assert.Contains("./build.sh --target=Test", firstBlock, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Clean")]
    [InlineData("Restore")]
    [InlineData("Build")]
    [InlineData("Test")]
    [InlineData("Package")]
    [InlineData("TerraformValidate")]
    [InlineData("Plan")]
    [InlineData("Upload")]
    [InlineData("Deploy")]
    [InlineData("Local")]
    [InlineData("Bench")]
    [InlineData("ConsoleScreenshots")]
    [InlineData("Default")]
    public void The_build_declares_each_documented_target(string target)
    {
        Assert.Contains(target, Repo.BuildTargets());
        var documented = target == "Default" ? "./build.sh\n" : $"--target={target}";
        Assert.Contains(documented, Repo.Read("README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_readme_build_command_names_a_real_target()
    {
        var targets = Repo.BuildTargets();
        foreach (var target in Repo.TargetsCalledIn(Repo.Read("README.md")))
            Assert.True(targets.Contains(target), $"README.md shows --target={target}, which build/*.cake does not declare.");
    }
}
