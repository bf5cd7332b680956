using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>
/// lambdas/iam-actions.json lists the AWS calls each function makes; terraform/envs/dev/tests/security.tftest.hcl
/// checks that each role grants exactly those (plus the listed platform requests). This test derives the calls
/// from the code, so a new call without a permission fails here, before it fails an apply or a run: the
/// function's Function.cs builds its handler and the Lake.Core parts it is made of (the reconciler's halves),
/// those call adapter methods, and each adapter method makes the operations of its signed client
/// (<c>glue.CallAsync("StartCrawler")</c> is glue:StartCrawler). Only the parts a function builds count: the
/// glue-trigger's reconciler has no job half, so it makes no job call.
/// </summary>
public sealed partial class IamActionsTests
{
    private static readonly string Root = RepositoryRoot.Path;

    [GeneratedRegex(@"public\s+(?:async\s+)?Task(?:<[^>]+>)?\s+(\w+Async)\(")]
    private static partial Regex PublicAsyncMethod();

    [GeneratedRegex(@"(\w+)\.CallAsync\(""(\w+)""")]
    private static partial Regex ClientCall();

    [GeneratedRegex(@"new\s+(\w+Handler)\(")]
    private static partial Regex HandlerConstruction();

    [GeneratedRegex(@"new\s+(\w+)\(")]
    private static partial Regex Construction();

    [GeneratedRegex(@"\.(\w+Async)\(")]
    private static partial Regex MethodCall();

    /// <summary>Adapter method → IAM actions, read from lambdas/Lake.Aws.</summary>
    private static Dictionary<string, HashSet<string>> AdapterActions()
    {
        var actions = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "lambdas", "Lake.Aws"), "*.cs"))
        {
            var source = File.ReadAllText(file);
            var methods = PublicAsyncMethod().Matches(source).ToList();
            for (var i = 0; i < methods.Count; i++)
            {
                var end = i + 1 < methods.Count ? methods[i + 1].Index : source.Length;
                var body = source[methods[i].Index..end];
                var set = ClientCall().Matches(body).Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}").ToHashSet();
                // S3ObjectReader signs a plain GET rather than calling a JSON/query client.
                if (Path.GetFileName(file) == "S3ObjectReader.cs") set.Add("s3:GetObject");
                if (set.Count > 0) actions[methods[i].Groups[1].Value] = set;
            }
        }
        return actions;
    }

    private static SortedSet<string> CallsOf(string function, Dictionary<string, HashSet<string>> adapters)
    {
        var entry = File.ReadAllText(Path.Combine(Root, "lambdas", function, "Function.cs"));
        var handler = HandlerConstruction().Match(entry);
        Assert.True(handler.Success, $"lambdas/{function}/Function.cs constructs no *Handler");
        var coreFiles = Directory.GetFiles(Path.Combine(Root, "lambdas", "Lake.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        Assert.True(coreFiles.ContainsKey(handler.Groups[1].Value), $"{handler.Groups[1].Value} has no file in lambdas/Lake.Core");
        var built = Construction().Matches(entry).Select(m => m.Groups[1].Value).Where(coreFiles.ContainsKey).Distinct();
        return new SortedSet<string>(built.SelectMany(type => MethodCall().Matches(File.ReadAllText(coreFiles[type])))
            .Select(m => m.Groups[1].Value).Where(adapters.ContainsKey).SelectMany(m => adapters[m]), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("glue-trigger")]
    [InlineData("etl-trigger")]
    [InlineData("ops-notifier")]
    public void The_calls_listed_for_each_function_are_exactly_the_calls_its_code_makes(string function)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "lambdas", "iam-actions.json")));
        var listed = new SortedSet<string>(manifest.RootElement.GetProperty(function).GetProperty("calls").EnumerateArray().Select(e => e.GetString()!), StringComparer.Ordinal);

        var derived = CallsOf(function, AdapterActions());

        Assert.True(derived.SetEquals(listed),
            $"{function} calls [{string.Join(", ", derived)}] but lambdas/iam-actions.json lists [{string.Join(", ", listed)}]: update the list, then the role in terraform/env-common/functions.tf.");
    }

    [Fact]
    public void The_derivation_sees_every_adapter_operation()
    {
        var all = AdapterActions().Values.SelectMany(s => s).ToHashSet();

        // The signed clients' operations as the adapters make them today; a new adapter call shows up here.
        HashSet<string> expected = ["glue:StartCrawler", "glue:GetCrawler", "glue:StartJobRun", "glue:GetJobRun", "sqs:SendMessage", "sns:Publish", "s3:GetObject",
            "dynamodb:GetItem", "dynamodb:UpdateItem"];
        Assert.Superset(expected, all);
        Assert.Subset(expected, all);
    }
}
