using System.Text.Json;
using SocarDataLake.Aws;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Triggers;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.GlueTrigger;

/// <summary>glue-trigger: SQS batches of raw-zone S3 events → one Glue crawl per dataset.</summary>
public static class GlueTriggerFunction
{
    public static async Task<int> Main()
    {
        var logger = new JsonLogger(Console.Out, Environment.GetEnvironmentVariable("LAKE_LOG_LEVEL") ?? "info");
        var runtimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrEmpty(runtimeApi))
        {
            logger.Error(null, "no_runtime_api", "AWS_LAMBDA_RUNTIME_API is not set: this binary runs inside AWS Lambda (or a Runtime API emulator).");
            return 1;
        }
        using var runtime = new RuntimeApiClient(runtimeApi);
        GlueTriggerHandler handler;
        try
        {
            handler = CreateHandler(Environment.GetEnvironmentVariable);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            logger.Error(null, "init_failed", e.Message);
            await runtime.ReportInitErrorAsync(e, CancellationToken.None);
            return 1;
        }
        var bootstrap = new LambdaBootstrap(runtime, (invocation, ct) => HandleAsync(handler, logger, invocation, ct), logger, TimeProvider.System);
        return await bootstrap.RunAsync(CancellationToken.None);
    }

    internal static GlueTriggerHandler CreateHandler(Func<string, string?> variable)
    {
        string Required(string name) => variable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {name} is not set (Terraform's lambda-function module sets it).");
        var region = Required("AWS_REGION");
        var credentials = AwsCredentials.FromEnvironment(variable);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var glue = AwsClients.Glue(http, credentials, region, TimeProvider.System, AwsClients.EndpointOverride(variable, "GLUE"));
        var sqs = AwsClients.Sqs(http, credentials, region, TimeProvider.System, AwsClients.EndpointOverride(variable, "SQS"));
        return new GlueTriggerHandler(
            EmbeddedContracts.DatasetNames(typeof(GlueTriggerFunction).Assembly),
            new GlueCrawler(glue, Required("LAKE_CRAWLER_PREFIX")),
            new SqsDeadLetters(sqs, Required("LAKE_DEAD_LETTER_QUEUE_URL")));
    }

    internal static async Task<byte[]> HandleAsync(GlueTriggerHandler handler, JsonLogger logger, Invocation invocation, CancellationToken cancellationToken)
    {
        var batch = JsonSerializer.Deserialize(invocation.Payload, EventJsonContext.Default.SqsEvent)
            ?? throw new JsonException("The event is not an SQS batch (null).");
        var result = await handler.HandleAsync(batch, cancellationToken);
        foreach (var outcome in result.Outcomes)
            logger.Info(invocation.Context.RequestId, outcome.Action, ("subject", outcome.Subject), ("detail", outcome.Detail));
        return JsonSerializer.SerializeToUtf8Bytes(result.Response, EventJsonContext.Default.SqsBatchResponse);
    }
}
