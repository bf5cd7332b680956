using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Producers.Tests;

/// <summary>
/// Each operator verb folder of the CLI (tools/Lake.Cli/AwsViews: `lake status|runs|quarantine --aws`; Redrive:
/// `lake redrive --aws`) has an iam-actions.json listing the AWS calls it makes; the dev policy suites check that
/// the observe and redrive policies grant exactly those (plus the listed platform requests). This test derives the
/// calls from the folder's code and the Lake.Aws classes it constructs, so a new call without its permission fails
/// here before it fails on AWS with AccessDenied.
/// </summary>
public sealed partial class CliIamActionsTests
{
    // How each service authorizes the SDK methods the verbs call ("Actions, resources, and condition keys for Amazon
    // S3": ListObjectsV2 is s3:ListBucket; Amazon SQS authorizes a batch as its single action, SendMessageBatch as
    // sqs:SendMessage, DeleteMessageBatch as sqs:DeleteMessage). A method missing here fails the test, so it must be
    // mapped, not guessed.
    private static readonly Dictionary<string, string> SdkActions = new(StringComparer.Ordinal)
    {
        ["s3.GetObjectAsync"] = "s3:GetObject",
        ["s3.ListObjectsV2Async"] = "s3:ListBucket",
        ["sqs.GetQueueAttributesAsync"] = "sqs:GetQueueAttributes",
        ["sqs.GetQueueUrlAsync"] = "sqs:GetQueueUrl",
        ["sqs.ListDeadLetterSourceQueuesAsync"] = "sqs:ListDeadLetterSourceQueues",
        ["sqs.ReceiveMessageAsync"] = "sqs:ReceiveMessage",
        ["sqs.SendMessageBatchAsync"] = "sqs:SendMessage",
        ["sqs.DeleteMessageBatchAsync"] = "sqs:DeleteMessage",
        ["sqs.StartMessageMoveTaskAsync"] = "sqs:StartMessageMoveTask",
        ["sqs.ListMessageMoveTasksAsync"] = "sqs:ListMessageMoveTasks",
        ["sqs.CancelMessageMoveTaskAsync"] = "sqs:CancelMessageMoveTask",
    };

    [GeneratedRegex(@"\b(s3|sqs)\.(\w+Async)\(")]
    private static partial Regex SdkCall();

    // Glue's JSON protocol: the operation named in the call is the IAM action (glue:<Operation>).
    [GeneratedRegex(@"\bglue\.Call(?:WithBackoff)?Async\(""(\w+)""")]
    private static partial Regex GlueCall();

    [GeneratedRegex(@"\bnew (\w+)\(")]
    private static partial Regex Construction();

    private static string Folder(string verbs) => Path.Combine(RepositoryRoot.Path, "tools", "Lake.Cli", verbs);

    // The folder's own files, and each Lake.Aws class they construct (by its file, <Class>.cs).
    internal static IReadOnlyList<string> SourceFiles(string verbs)
    {
        var own = Directory.GetFiles(Folder(verbs), "*.cs");
        var awsFiles = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "lambdas", "Lake.Aws"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        var constructed = own.SelectMany(f => Construction().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(awsFiles.ContainsKey).Select(name => awsFiles[name]);
        return [.. own, .. constructed.Distinct()];
    }

    internal static SortedSet<string> CallsInCode(string verbs)
    {
        var calls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles(verbs))
        {
            var source = File.ReadAllText(file);
            foreach (Match m in SdkCall().Matches(source))
            {
                var method = $"{m.Groups[1].Value}.{m.Groups[2].Value}";
                Assert.True(SdkActions.TryGetValue(method, out var action),
                    $"{Path.GetFileName(file)} calls {method}: map it to its IAM action in CliIamActionsTests.SdkActions.");
                calls.Add(action!);
            }
            foreach (Match m in GlueCall().Matches(source)) calls.Add($"glue:{m.Groups[1].Value}");
        }
        return calls;
    }

    [Theory]
    [InlineData("AwsViews")]
    [InlineData("Redrive")]
    public void The_listed_calls_are_exactly_the_calls_the_verbs_make(string verbs)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(verbs), "iam-actions.json")));
        var listed = doc.RootElement.GetProperty("calls").EnumerateArray().Select(e => e.GetString()!);

        Assert.Equal(CallsInCode(verbs), new SortedSet<string>(listed, StringComparer.Ordinal));
    }

    [Fact]
    public void The_derivation_follows_the_views_into_the_glue_readers()
    {
        var files = SourceFiles("AwsViews").Select(Path.GetFileName).ToList();
        var calls = CallsInCode("AwsViews");

        Assert.Contains("GlueCatalogReader.cs", files);
        Assert.Contains("GlueJobRunHistory.cs", files);
        Assert.Contains("glue:GetJobRuns", calls);
        Assert.Contains("glue:GetTables", calls);
        Assert.Contains("sqs:GetQueueAttributes", calls);
    }

    [Fact]
    public void The_derivation_sees_both_ways_of_redriving()
    {
        var calls = CallsInCode("Redrive");

        Assert.Contains("sqs:StartMessageMoveTask", calls);
        Assert.Contains("sqs:SendMessage", calls);
        Assert.Contains("sqs:DeleteMessage", calls);
    }
}
