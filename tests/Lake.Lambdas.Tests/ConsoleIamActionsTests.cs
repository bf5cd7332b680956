using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>
/// The console's function makes its AWS calls through the console's AWS ports (tools/Lake.Console.Aws), the readers
/// the `lake --aws` verbs share (tools/Lake.AwsViews) and the signed clients (lambdas/Lake.Aws), not through a
/// handler in Lake.Core, so its calls are derived by following every class of those folders its code names, from
/// lambdas/console on. terraform/envs/dev/tests/console.tftest.hcl checks its role grants exactly what
/// lambdas/iam-actions.json lists for "console".
/// </summary>
public sealed partial class ConsoleIamActionsTests
{
    private static readonly string Root = RepositoryRoot.Path;

    // How S3 authorizes the SDK methods the readers call ("Actions, resources, and condition keys for Amazon S3":
    // ListObjectsV2 is s3:ListBucket). A presigned GET is checked as the signer's s3:GetObject when the browser uses it.
    // A method missing here fails the derivation, so it is mapped, not guessed.
    private static readonly Dictionary<string, string> S3Actions = new(StringComparer.Ordinal)
    {
        ["ListObjectsV2"] = "s3:ListBucket",
        ["GetObject"] = "s3:GetObject",
        ["GetPreSignedURL"] = "s3:GetObject",
    };

    [GeneratedRegex(@"\b([A-Z]\w+)\b")]
    private static partial Regex TypeName();

    // A signed JSON client's call names its operation; AthenaQueries calls through its own CallAsync, so a call without
    // a client takes the service of the folder its file is in (Athena/, Glue/).
    [GeneratedRegex(@"(?:\b(\w+)\.)?Call(?:WithBackoff)?Async\(""(\w+)""")]
    private static partial Regex JsonCall();

    [GeneratedRegex(@"\bs3\.(\w+)Async\(")]
    private static partial Regex S3Call();

    private static IEnumerable<string> Sources(params string[] folder) =>
        Directory.GetFiles(Path.Combine([Root, .. folder]), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>lambdas/console's files and every file of the AWS folders reachable from them by the classes they name.</summary>
    internal static IReadOnlyList<string> Reachable()
    {
        var classes = Sources("tools", "Lake.Console.Aws").Concat(Sources("tools", "Lake.AwsViews")).Concat(Sources("lambdas", "Lake.Aws"))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(Sources("lambdas", "console"));
        while (pending.TryDequeue(out var file))
        {
            if (!seen.Add(file)) continue;
            foreach (Match m in TypeName().Matches(File.ReadAllText(file)))
                if (classes.TryGetValue(m.Groups[1].Value, out var named)) pending.Enqueue(named);
        }
        return seen.Order(StringComparer.Ordinal).ToList();
    }

    internal static SortedSet<string> Derived()
    {
        var calls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Reachable())
        {
            var source = File.ReadAllText(file);
            foreach (Match m in JsonCall().Matches(source))
            {
                var service = m.Groups[1].Success ? m.Groups[1].Value : Path.GetFileName(Path.GetDirectoryName(file)!).ToLowerInvariant();
                calls.Add($"{service}:{m.Groups[2].Value}");
            }
            foreach (Match m in S3Call().Matches(source))
            {
                Assert.True(S3Actions.TryGetValue(m.Groups[1].Value, out var action), $"{Path.GetFileName(file)} calls s3.{m.Groups[1].Value}Async: map it to its IAM action in ConsoleIamActionsTests.S3Actions.");
                calls.Add(action!);
            }
        }
        return calls;
    }

    [Fact]
    public void The_calls_listed_for_the_console_are_exactly_the_calls_its_code_makes()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "lambdas", "iam-actions.json")));
        var listed = new SortedSet<string>(manifest.RootElement.GetProperty("console").GetProperty("calls").EnumerateArray().Select(e => e.GetString()!), StringComparer.Ordinal);

        var derived = Derived();

        Assert.True(derived.SetEquals(listed),
            $"console calls [{string.Join(", ", derived)}] but lambdas/iam-actions.json lists [{string.Join(", ", listed)}]: update the list, then the role in terraform/env-common/console.tf.");
    }

    [Fact]
    public void The_derivation_follows_the_function_into_the_adapters_it_builds()
    {
        var files = Reachable().Select(Path.GetFileName).ToList();

        Assert.Contains("AwsConsole.cs", files);
        Assert.Contains("AthenaQueries.cs", files);
        Assert.Contains("GlueCatalogReader.cs", files);
        Assert.Contains("S3Listing.cs", files);
        // Classes the console never builds stay out: no crawler, job start or queue.
        Assert.DoesNotContain("GlueCrawler.cs", files);
        Assert.DoesNotContain("GlueJobRunner.cs", files);
        Assert.DoesNotContain("SqsDeadLetters.cs", files);
    }
}
