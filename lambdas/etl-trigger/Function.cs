using System.Text.Json;
using SocarDataLake.Aws;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Triggers;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.EtlTrigger;

/// <summary>etl-trigger: "Glue Crawler State Change" Succeeded → StartJobRun of the dataset's ETL job.</summary>
public static class EtlTriggerFunction
{
    public static Task<int> Main() => FunctionHost.RunAsync(CreateHandler, HandleAsync);

    internal static EtlTriggerHandler CreateHandler(Func<string, string?> variable)
    {
        var region = variable.Required("AWS_REGION");
        var credentials = AwsCredentials.FromEnvironment(variable);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var glue = AwsClients.Glue(http, credentials, region, TimeProvider.System, AwsClients.EndpointOverride(variable, "GLUE"));
        return new EtlTriggerHandler(
            variable.Required("LAKE_CRAWLER_PREFIX"),
            PlanUris(variable.Required("LAKE_PLAN_URIS")),
            new GlueJobRunner(glue, variable.Required("LAKE_JOB_PREFIX")));
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

    internal static async Task<byte[]> HandleAsync(EtlTriggerHandler handler, JsonLogger logger, Invocation invocation, CancellationToken cancellationToken)
    {
        var change = JsonSerializer.Deserialize(invocation.Payload, EventJsonContext.Default.EventBridgeEventGlueCrawlerStateChange)
            ?? throw new JsonException("The event is not an EventBridge event (null).");
        var outcome = await handler.HandleAsync(change, cancellationToken);
        logger.Info(invocation.Context.RequestId, outcome.Action, ("subject", outcome.Subject), ("detail", outcome.Detail));
        return JsonSerializer.SerializeToUtf8Bytes(outcome, EventJsonContext.Default.TriggerOutcome);
    }
}
