using Amazon.S3;
using SocarDataLake.Aws;
using SocarDataLake.Aws.Athena;
using SocarDataLake.Aws.Glue;
using SocarDataLake.AwsViews;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole.Aws;

/// <summary>The console's ports on a deployed lake: Glue and Athena through the signed JSON client, S3 through the SDK.</summary>
public static class AwsConsole
{
    /// <param name="glue">AwsClients.Glue(…), signed with the function's credentials.</param>
    /// <param name="athena">AwsClients.Athena(…).</param>
    /// <param name="s3">An S3 client in the lake's region, which also presigns the result downloads.</param>
    public static ConsolePorts Ports(AwsConsoleSettings settings, AwsJsonClient glue, AwsJsonClient athena, IAmazonS3 s3, TimeProvider clock)
    {
        var history = new RunHistory(s3, new GlueJobRunHistory(glue, clock), settings.ProcessedBucket);
        var downloads = new PresignedDownloads(s3, clock);
        var view = new AwsLakeView(settings, new GlueCatalogReader(glue, clock), history, new QuarantineObjects(s3, settings.QuarantineBucket), downloads);
        return new ConsolePorts(view, new AthenaQueryEngine(settings, new AthenaQueries(athena, clock), downloads, clock));
    }
}
