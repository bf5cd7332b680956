using SocarDataLake.Aws;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Orchestration;
using SocarDataLake.Core.Triggers;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.GlueTrigger;

/// <summary>glue-trigger: SQS batches of raw-zone S3 events → arrivals counted in the state table, and the crawl half of the reconciler.</summary>
public static class GlueTriggerFunction
{
    public static Task<int> Main() => FunctionHost.RunAsync(CreateHandler, SqsBatchFunction.HandleAsync);

    internal static RecordArrivalsHandler CreateHandler(Func<string, string?> variable)
    {
        var aws = new FunctionAwsClients(variable, variable.Required("AWS_REGION"));
        var glue = aws.Glue();
        var sqs = aws.Sqs();
        var dynamodb = aws.DynamoDb();
        var state = new DynamoDbStateStore(dynamodb, variable.Required("LAKE_STATE_TABLE"));
        var crawler = new GlueCrawler(glue, variable.Required("LAKE_CRAWLER_PREFIX"));
        return new RecordArrivalsHandler(
            EmbeddedContracts.DatasetNames(typeof(GlueTriggerFunction).Assembly),
            state,
            new Reconciler(state, new CrawlHalf(crawler, crawler, ReconcileSettings.MinCrawlInterval(variable)), job: null, TimeProvider.System),
            new SqsDeadLetters(sqs, variable.Required("LAKE_DEAD_LETTER_QUEUE_URL")));
    }
}
