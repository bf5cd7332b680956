using System.Text.RegularExpressions;

namespace SocarDataLake.Producers.Tests;

/// <summary>
/// Each operator verb folder of the CLI (tools/Lake.Cli/AwsViews: `lake status|runs|quarantine --aws`; Redrive:
/// `lake redrive --aws`) has an iam-actions.json listing the AWS calls it makes; the dev policy suites check that
/// the observe and redrive policies grant exactly those (plus the listed platform requests). This test derives the
/// calls from the folder's code and the Lake.Aws and Lake.AwsViews classes it uses, so a new call without its permission fails
/// here before it fails on AWS with AccessDenied.
/// </summary>
public sealed partial class CliIamActionsTests
{
    // A class the code constructs (new X(...)) or calls statically (X.Method(...)).
    [GeneratedRegex(@"\bnew (\w+)\(|\b([A-Z]\w+)\.\w+\(")]
    private static partial Regex ClassUse();

    private static string Folder(string verbs) => Path.Combine(RepositoryRoot.Path, "tools", "Lake.Cli", verbs);

    // The folder's own files, and each class of the shared AWS libraries (Lake.Aws, Lake.AwsViews: one class a file,
    // <Class>.cs) they use, followed into what those classes use in turn.
    internal static IReadOnlyList<string> SourceFiles(string verbs) => Followed(Directory.GetFiles(Folder(verbs), "*.cs"));

    internal static IReadOnlyList<string> Followed(IEnumerable<string> own)
    {
        var library = new[] { Path.Combine("lambdas", "Lake.Aws"), Path.Combine("tools", "Lake.AwsViews") }
            .SelectMany(folder => IamDerivation.SourceFiles(Path.Combine(RepositoryRoot.Path, folder)))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        var files = new List<string>(own);
        for (var i = 0; i < files.Count; i++)
            foreach (Match use in ClassUse().Matches(File.ReadAllText(files[i])))
            {
                var name = use.Groups[1].Success ? use.Groups[1].Value : use.Groups[2].Value;
                if (library.TryGetValue(name, out var file) && !files.Contains(file)) files.Add(file);
            }
        return files;
    }

    [Theory]
    [InlineData("AwsViews")]
    [InlineData("Redrive")]
    public void The_listed_calls_are_exactly_the_calls_the_verbs_make(string verbs) =>
        Assert.Equal(IamDerivation.CallsIn(SourceFiles(verbs)), IamDerivation.Listed(Path.Combine(Folder(verbs), "iam-actions.json")));

    [Theory]
    [InlineData("AwsViews")]
    [InlineData("Redrive")]
    public void Every_platform_request_says_why(string verbs) =>
        IamDerivation.AssertEveryPlatformRequestSaysWhy(Path.Combine(Folder(verbs), "iam-actions.json"));

    [Fact]
    public void The_derivation_follows_the_views_into_the_glue_readers()
    {
        var files = SourceFiles("AwsViews").Select(Path.GetFileName).ToList();
        var calls = IamDerivation.CallsIn(SourceFiles("AwsViews"));

        Assert.Contains("GlueCatalogReader.cs", files);
        Assert.Contains("GlueJobRunHistory.cs", files);
        Assert.Contains("glue:GetJobRuns", calls);
        Assert.Contains("glue:GetTables", calls);
        Assert.Contains("sqs:GetQueueAttributes", calls);
    }

    [Fact]
    public void The_derivation_sees_both_ways_of_redriving()
    {
        var calls = IamDerivation.CallsIn(SourceFiles("Redrive"));

        Assert.Contains("sqs:StartMessageMoveTask", calls);
        Assert.Contains("sqs:SendMessage", calls);
        Assert.Contains("sqs:DeleteMessage", calls);
    }
}
