using System.Text.Json;
using SocarDataLake.Aws;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Triggers;
using SocarDataLake.Core.Zones;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.OpsNotifier;

/// <summary>ops-notifier: "Glue Job State Change" → one SNS message with the run's numbers or its error; a crawler's Failed → one message.</summary>
public static class OpsNotifierFunction
{
    public static Task<int> Main() => FunctionHost.RunAsync(CreateHandler, HandleAsync);

    internal static OpsNotifierHandler CreateHandler(Func<string, string?> variable)
    {
        var aws = new FunctionAwsClients(variable, variable.Required("AWS_REGION"));
        var sns = aws.Sns();
        var summaries = aws.S3Reader(new Dictionary<Zone, string> { [Zone.Processed] = variable.Required("LAKE_RUN_SUMMARY_BUCKET") });
        var jobPrefix = variable.Required("LAKE_JOB_PREFIX");
        var glue = aws.Glue();
        return new OpsNotifierHandler(
            jobPrefix,
            summaries,
            new SnsNotifier(sns, variable.Required("LAKE_TOPIC_ARN")),
            (job, run) => ConsoleLink(aws.Region, job, run),
            new GlueJobRunner(glue, jobPrefix),
            // The crawlers and jobs share the lake's name prefix unless the environment says otherwise.
            variable("LAKE_CRAWLER_PREFIX"));
    }

    /// <summary>The Glue Studio page of the run, where its logs and metrics are.</summary>
    internal static string ConsoleLink(string region, string job, string run) =>
        $"https://{region}.console.aws.amazon.com/gluestudio/home?region={region}#/job/{Uri.EscapeDataString(job)}/run/{Uri.EscapeDataString(run)}";

    internal static async Task<byte[]> HandleAsync(OpsNotifierHandler handler, JsonLogger logger, Invocation invocation, CancellationToken cancellationToken)
    {
        Notification? notification;
        if (DetailType(invocation.Payload) == "Glue Crawler State Change")
        {
            var crawl = JsonSerializer.Deserialize(invocation.Payload, EventJsonContext.Default.EventBridgeEventGlueCrawlerStateChange)
                ?? throw new JsonException("The event is not an EventBridge event (null).");
            notification = await handler.HandleCrawlerAsync(crawl, cancellationToken);
        }
        else
        {
            var change = JsonSerializer.Deserialize(invocation.Payload, EventJsonContext.Default.EventBridgeEventGlueJobStateChange)
                ?? throw new JsonException("The event is not an EventBridge event (null).");
            notification = await handler.HandleAsync(change, cancellationToken);
        }
        if (notification is null)
        {
            logger.Info(invocation.Context.RequestId, "ignored", ("detail", "a crawler state other than Failed"));
            return "{}"u8.ToArray();
        }
        logger.Info(invocation.Context.RequestId, "notified", ("subject", notification.Subject), ("severity", notification.Severity));
        return JsonSerializer.SerializeToUtf8Bytes(notification, EventJsonContext.Default.Notification);
    }

    // The rule sends both kinds of Glue event; the envelope's detail-type says which detail to read.
    private static string? DetailType(byte[] payload)
    {
        using var doc = JsonDocument.Parse(payload);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("detail-type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString() : null;
    }
}
