using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Producers.Tests;

/// <summary>
/// The AWS calls a set of source files makes, as the IAM actions AWS authorizes them as, and the calls an
/// iam-actions.json lists: what the producer and operator policies are derived from.
/// </summary>
internal static partial class IamDerivation
{
    // How each service authorizes the SDK methods the tools call ("Actions, resources, and condition keys for Amazon
    // S3" and "Multipart upload API and permissions": every multipart step but Abort is s3:PutObject, a HEAD is
    // s3:GetObject, ListObjectsV2 is s3:ListBucket; Amazon SQS authorizes a batch as its single action). A method
    // missing here fails the derivation, so it must be mapped, not guessed.
    private static readonly Dictionary<string, string> SdkActions = new(StringComparer.Ordinal)
    {
        ["s3.GetObjectMetadataAsync"] = "s3:GetObject",
        ["s3.GetObjectAsync"] = "s3:GetObject",
        ["s3.PutObjectAsync"] = "s3:PutObject",
        ["s3.InitiateMultipartUploadAsync"] = "s3:PutObject",
        ["s3.UploadPartAsync"] = "s3:PutObject",
        ["s3.CompleteMultipartUploadAsync"] = "s3:PutObject",
        ["s3.AbortMultipartUploadAsync"] = "s3:AbortMultipartUpload",
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

    // The signed JSON clients (Glue, Kinesis): the operation named in the call is the IAM action.
    [GeneratedRegex(@"\b(glue|kinesis)\.Call(?:WithBackoff)?Async\(""(\w+)""")]
    private static partial Regex JsonCall();

    /// <summary>The IAM actions of every AWS call in the files; <paramref name="more"/> adds what a file's other calls need.</summary>
    public static SortedSet<string> CallsIn(IEnumerable<string> files, Func<string, IEnumerable<string>>? more = null)
    {
        var calls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            foreach (Match m in SdkCall().Matches(source))
            {
                var method = $"{m.Groups[1].Value}.{m.Groups[2].Value}";
                Assert.True(SdkActions.TryGetValue(method, out var action),
                    $"{Path.GetFileName(file)} calls {method}: map it to its IAM action in IamDerivation.SdkActions.");
                calls.Add(action!);
            }
            foreach (Match m in JsonCall().Matches(source)) calls.Add($"{m.Groups[1].Value}:{m.Groups[2].Value}");
            if (more is not null) calls.UnionWith(more(source));
        }
        return calls;
    }

    /// <summary>The C# files of a folder, without build output.</summary>
    public static IEnumerable<string> SourceFiles(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));

    /// <summary>The `calls` an iam-actions.json lists.</summary>
    public static SortedSet<string> Listed(string iamActionsFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(iamActionsFile));
        return new SortedSet<string>(doc.RootElement.GetProperty("calls").EnumerateArray().Select(e => e.GetString()!), StringComparer.Ordinal);
    }

    /// <summary>Each `platform` request of an iam-actions.json gives its reason.</summary>
    public static void AssertEveryPlatformRequestSaysWhy(string iamActionsFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(iamActionsFile));
        Assert.All(doc.RootElement.GetProperty("platform").EnumerateObject(), p => Assert.False(string.IsNullOrWhiteSpace(p.Value.GetString()), p.Name));
    }
}
