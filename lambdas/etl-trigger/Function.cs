using System.Text.Json;
using SocarDataLake.Aws;
using SocarDataLake.Core.Orchestration;
using SocarDataLake.Core.Triggers;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.EtlTrigger;

/// <summary>etl-trigger: the reconciler, fed SQS batches of EventBridge events (Glue state changes, the sweep) → crawls and job runs.</summary>
public static class EtlTriggerFunction
{
    public static Task<int> Main() => FunctionHost.RunAsync(CreateHandler, SqsBatchFunction.HandleAsync);

    internal static ReconcileHandler CreateHandler(Func<string, string?> variable)
    {
        var aws = new FunctionAwsClients(variable, variable.Required("AWS_REGION"));
        var glue = aws.Glue();
        var dynamodb = aws.DynamoDb();
        var crawlerPrefix = variable.Required("LAKE_CRAWLER_PREFIX");
        var jobPrefix = variable.Required("LAKE_JOB_PREFIX");
        var planUris = PlanUris(variable.Required("LAKE_PLAN_URIS"));
        var state = new DynamoDbStateStore(dynamodb, variable.Required("LAKE_STATE_TABLE"));
        var crawler = new GlueCrawler(glue, crawlerPrefix);
        var jobs = new GlueJobRunner(glue, jobPrefix);
        var reconciler = new Reconciler(
            state,
            new CrawlHalf(crawler, crawler, ReconcileSettings.MinCrawlInterval(variable)),
            new JobHalf(jobs, jobs, jobPrefix, planUris, ReconcileSettings.MinJobInterval(variable), ReconcileSettings.JobWaitsForCrawl(variable)),
            TimeProvider.System);
        return new ReconcileHandler(planUris.Keys.Order(StringComparer.Ordinal).ToList(), crawlerPrefix, jobPrefix, reconciler);
    }

    /// <summary>LAKE_PLAN_URIS: a JSON object of dataset → s3:// URI of its rendered Spark typing plan.</summary>
    internal static Dictionary<string, string> PlanUris(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException("LAKE_PLAN_URIS must be a JSON object of dataset to s3:// plan URI.");
        var uris = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            var uri = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : "";
            if (!uri.StartsWith("s3://", StringComparison.Ordinal))
                throw new InvalidOperationException($"LAKE_PLAN_URIS: the plan of '{entry.Name}' must be an s3:// URI, not '{uri}'.");
            uris[entry.Name] = uri;
        }
        return uris;
    }
}
