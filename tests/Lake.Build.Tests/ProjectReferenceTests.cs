namespace SocarDataLake.Build.Tests;

/// <summary>
/// The C# project references hold the shape ARCHITECTURE.md and the README's Layout draw: the producers never
/// pull in the local lake (and its DuckDB), Core stands alone, and nothing a Lambda ships depends on tools/ but the
/// console's function on the console app and its AWS ports.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly ProjectGraph Projects = ProjectGraph.Read(Repo.Root, "lambdas", "tools");

    [Fact]
    public void Lake_Producers_reaches_Lake_Local_through_no_reference()
    {
        var producers = Projects.Find("tools/Lake.Producers/Lake.Producers.csproj");

        Assert.DoesNotContain("tools/Lake.Local/Lake.Local.csproj", Projects.ReachableFrom(producers));
    }

    [Fact]
    public void Lake_Core_references_no_other_project()
    {
        var core = Projects.Find("lambdas/Lake.Core/Lake.Core.csproj");

        Assert.Empty(Projects.References(core));
    }

    // The console's function ships the console app, which lives in tools/ with its AWS ports (issue 17: one app, two
    // hosts); that is the only way from lambdas/ into tools/.
    private const string ConsoleFunction = "lambdas/console/Console.csproj";

    private static readonly string[] ConsoleApp =
        ["tools/Lake.Console/Lake.Console.csproj", "tools/Lake.Console.Aws/Lake.Console.Aws.csproj", "tools/Lake.AwsViews/Lake.AwsViews.csproj"];

    [Fact]
    public void No_project_under_lambdas_reaches_a_project_under_tools_but_the_console_function_its_app()
    {
        var offending = Projects.All
            .Where(p => p.StartsWith("lambdas/", StringComparison.Ordinal))
            .SelectMany(p => Projects.ReachableFrom(p)
                .Where(r => r.StartsWith("tools/", StringComparison.Ordinal) && !(p == ConsoleFunction && ConsoleApp.Contains(r)))
                .Select(r => $"{p} -> {r}"))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void The_console_function_carries_no_local_lake()
    {
        var reached = Projects.ReachableFrom(ConsoleFunction);

        Assert.Contains("tools/Lake.Console.Aws/Lake.Console.Aws.csproj", reached);
        Assert.DoesNotContain("tools/Lake.Local/Lake.Local.csproj", reached);
        Assert.DoesNotContain("tools/Lake.Console.Local/Lake.Console.Local.csproj", reached);
    }

    [Fact]
    public void The_graph_sees_every_project_the_checks_name()
    {
        // A rename would otherwise leave the checks above looking at nothing.
        Assert.Contains("lambdas/glue-trigger/GlueTrigger.csproj", Projects.All);
        Assert.Contains("lambdas/Lake.Aws/Lake.Aws.csproj", Projects.References("lambdas/glue-trigger/GlueTrigger.csproj"));
        Assert.Contains("lambdas/Lake.Core/Lake.Core.csproj", Projects.ReachableFrom("tools/Lake.Producers/Lake.Producers.csproj"));
    }
}
