using System.Text.RegularExpressions;

namespace SocarDataLake.Producers.Tests;

/// <summary>
/// tools/Lake.Producers/iam-actions.json lists the AWS calls the producers make; the dev security suite checks
/// that the producer policy grants exactly those (plus the listed platform requests). This test derives the
/// calls from the producers' code, so a new SDK call or signed operation without a permission fails here.
/// </summary>
public sealed partial class ProducerIamActionsTests
{
    // TransferUtility sends one PUT, or a multipart upload (Create, UploadPart, Complete: each s3:PutObject) that it
    // aborts when a part fails (s3:AbortMultipartUpload).
    private static readonly string[] TransferUploadActions = ["s3:PutObject", "s3:AbortMultipartUpload"];

    // Lake.S3 holds the HEAD the uploader asks before it sends.
    private static readonly string[] ProducerProjects = ["Lake.Producers", "Lake.S3"];

    [GeneratedRegex(@"\btransfer\.UploadAsync\(")]
    private static partial Regex TransferUpload();

    private static string ActionsFile => Path.Combine(RepositoryRoot.Path, "tools", "Lake.Producers", "iam-actions.json");

    internal static SortedSet<string> CallsInCode() => IamDerivation.CallsIn(
        ProducerProjects.SelectMany(project => IamDerivation.SourceFiles(Path.Combine(RepositoryRoot.Path, "tools", project))),
        source => TransferUpload().IsMatch(source) ? TransferUploadActions : []);

    [Fact]
    public void The_listed_calls_are_exactly_the_calls_the_producers_make() =>
        Assert.Equal(CallsInCode(), IamDerivation.Listed(ActionsFile));

    [Fact]
    public void The_derivation_sees_both_producers()
    {
        var calls = CallsInCode();

        Assert.Contains("kinesis:PutRecords", calls);
        Assert.Contains("s3:PutObject", calls);
        Assert.Contains("s3:AbortMultipartUpload", calls);
    }

    [Fact]
    public void Every_platform_request_says_why() => IamDerivation.AssertEveryPlatformRequestSaysWhy(ActionsFile);
}
