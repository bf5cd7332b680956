using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Producers.Tests;

/// <summary>
/// tools/Lake.Producers/iam-actions.json lists the AWS calls the producers make; the dev security suite checks
/// that the producer policy grants exactly those (plus the listed platform requests). This test derives the
/// calls from the producers' code, so a new SDK call or signed operation without a permission fails here.
/// </summary>
public sealed partial class ProducerIamActionsTests
{
    // How S3 authorizes each AWSSDK.S3 method the uploader may call ("Actions, resources, and condition keys for
    // Amazon S3" and "Multipart upload API and permissions"): every multipart step but Abort is s3:PutObject, and
    // a HEAD is s3:GetObject. A method missing here fails the test, so it must be mapped, not guessed.
    private static readonly Dictionary<string, string> S3Actions = new(StringComparer.Ordinal)
    {
        ["GetObjectMetadataAsync"] = "s3:GetObject",
        ["GetObjectAsync"] = "s3:GetObject",
        ["PutObjectAsync"] = "s3:PutObject",
        ["InitiateMultipartUploadAsync"] = "s3:PutObject",
        ["UploadPartAsync"] = "s3:PutObject",
        ["CompleteMultipartUploadAsync"] = "s3:PutObject",
        ["AbortMultipartUploadAsync"] = "s3:AbortMultipartUpload",
    };

    [GeneratedRegex(@"\bs3\.(\w+Async)\(")]
    private static partial Regex S3Call();

    // TransferUtility sends one PUT, or a multipart upload (Create, UploadPart, Complete: each s3:PutObject) that it
    // aborts when a part fails (s3:AbortMultipartUpload).
    private static readonly string[] TransferUploadActions = ["s3:PutObject", "s3:AbortMultipartUpload"];

    // Lake.S3 holds the HEAD the uploader asks before it sends.
    private static readonly string[] ProducerProjects = ["Lake.Producers", "Lake.S3"];

    [GeneratedRegex(@"\btransfer\.UploadAsync\(")]
    private static partial Regex TransferUpload();

    [GeneratedRegex(@"\bkinesis\.CallAsync\(""(\w+)""")]
    private static partial Regex KinesisCall();

    internal static SortedSet<string> CallsInCode()
    {
        var calls = new SortedSet<string>(StringComparer.Ordinal);
        var files = ProducerProjects
            .SelectMany(project => Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "tools", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            foreach (Match m in S3Call().Matches(source))
            {
                Assert.True(S3Actions.TryGetValue(m.Groups[1].Value, out var action),
                    $"{Path.GetFileName(file)} calls s3.{m.Groups[1].Value}: map it to its IAM action in ProducerIamActionsTests.S3Actions.");
                calls.Add(action!);
            }
            if (TransferUpload().IsMatch(source)) calls.UnionWith(TransferUploadActions);
            foreach (Match m in KinesisCall().Matches(source)) calls.Add($"kinesis:{m.Groups[1].Value}");
        }
        return calls;
    }

    [Fact]
    public void The_listed_calls_are_exactly_the_calls_the_producers_make()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tools", "Lake.Producers", "iam-actions.json")));
        var listed = doc.RootElement.GetProperty("calls").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(CallsInCode(), new SortedSet<string>(listed, StringComparer.Ordinal));
    }

    [Fact]
    public void The_derivation_sees_both_producers()
    {
        var calls = CallsInCode();

        Assert.Contains("kinesis:PutRecords", calls);
        Assert.Contains("s3:PutObject", calls);
        Assert.Contains("s3:AbortMultipartUpload", calls);
    }

    [Fact]
    public void Every_platform_request_says_why()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tools", "Lake.Producers", "iam-actions.json")));

        Assert.All(doc.RootElement.GetProperty("platform").EnumerateObject(), p => Assert.False(string.IsNullOrWhiteSpace(p.Value.GetString()), p.Name));
    }
}
