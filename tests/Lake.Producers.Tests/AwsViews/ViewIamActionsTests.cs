using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Producers.Tests.AwsViews;

/// <summary>
/// tools/Lake.Cli/AwsViews/iam-actions.json lists the AWS calls `lake status|runs|quarantine --aws` make; the dev
/// observe-policy suite checks that the policy grants exactly those (plus the listed platform requests). This test
/// derives the calls from the views' code and the Lake.Aws readers they construct, so a new call without its
/// permission fails here before it fails on AWS with AccessDenied.
/// </summary>
public sealed partial class ViewIamActionsTests
{
    // How each service authorizes the SDK methods the views call ("Actions, resources, and condition keys for Amazon
    // S3": ListObjectsV2 is s3:ListBucket; for Amazon SQS the action is the operation's name). A method missing here
    // fails the test, so it must be mapped, not guessed.
    private static readonly Dictionary<string, string> SdkActions = new(StringComparer.Ordinal)
    {
        ["s3.GetObjectAsync"] = "s3:GetObject",
        ["s3.ListObjectsV2Async"] = "s3:ListBucket",
        ["sqs.GetQueueAttributesAsync"] = "sqs:GetQueueAttributes",
    };

    [GeneratedRegex(@"\b(s3|sqs)\.(\w+Async)\(")]
    private static partial Regex SdkCall();

    // Glue's JSON protocol: the operation named in the call is the IAM action (glue:<Operation>).
    [GeneratedRegex(@"\bglue\.Call(?:WithBackoff)?Async\(""(\w+)""")]
    private static partial Regex GlueCall();

    [GeneratedRegex(@"\bnew (\w+)\(")]
    private static partial Regex Construction();

    private static string ViewsFolder => Path.Combine(RepositoryRoot.Path, "tools", "Lake.Cli", "AwsViews");

    // The views' own files, and each Lake.Aws class they construct (by its file, <Class>.cs).
    internal static IReadOnlyList<string> SourceFiles()
    {
        var views = Directory.GetFiles(ViewsFolder, "*.cs");
        var awsFiles = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "lambdas", "Lake.Aws"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        var constructed = views.SelectMany(f => Construction().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(awsFiles.ContainsKey).Select(name => awsFiles[name]);
        return [.. views, .. constructed.Distinct()];
    }

    internal static SortedSet<string> CallsInCode()
    {
        var calls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var source = File.ReadAllText(file);
            foreach (Match m in SdkCall().Matches(source))
            {
                var method = $"{m.Groups[1].Value}.{m.Groups[2].Value}";
                Assert.True(SdkActions.TryGetValue(method, out var action),
                    $"{Path.GetFileName(file)} calls {method}: map it to its IAM action in ViewIamActionsTests.SdkActions.");
                calls.Add(action!);
            }
            foreach (Match m in GlueCall().Matches(source)) calls.Add($"glue:{m.Groups[1].Value}");
        }
        return calls;
    }

    [Fact]
    public void The_listed_calls_are_exactly_the_calls_the_views_make()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ViewsFolder, "iam-actions.json")));
        var listed = doc.RootElement.GetProperty("calls").EnumerateArray().Select(e => e.GetString()!);

        Assert.Equal(CallsInCode(), new SortedSet<string>(listed, StringComparer.Ordinal));
    }

    [Fact]
    public void The_derivation_follows_the_views_into_the_glue_readers()
    {
        var files = SourceFiles().Select(Path.GetFileName).ToList();
        var calls = CallsInCode();

        Assert.Contains("GlueCatalogReader.cs", files);
        Assert.Contains("GlueJobRunHistory.cs", files);
        Assert.Contains("glue:GetJobRuns", calls);
        Assert.Contains("glue:GetTables", calls);
        Assert.Contains("sqs:GetQueueAttributes", calls);
    }
}
