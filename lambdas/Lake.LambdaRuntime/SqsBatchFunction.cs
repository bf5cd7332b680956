using System.Text.Json;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Triggers;

namespace SocarDataLake.LambdaRuntime;

/// <summary>
/// The invocation of a function behind an SQS queue (glue-trigger, etl-trigger): only the handler differs.
/// A payload that is no SQS batch throws, so Lambda reports the invocation failed and SQS delivers the whole
/// batch again; otherwise the response lists the messages to deliver again, and SQS deletes the rest.
/// </summary>
public static class SqsBatchFunction
{
    public static async Task<byte[]> HandleAsync(ISqsBatchHandler handler, JsonLogger logger, Invocation invocation, CancellationToken cancellationToken)
    {
        var batch = JsonSerializer.Deserialize(invocation.Payload, EventJsonContext.Default.SqsEvent)
            ?? throw new JsonException("The event is not an SQS batch (null).");
        var result = await handler.HandleAsync(batch, cancellationToken);
        foreach (var outcome in result.Outcomes)
            logger.Info(invocation.Context.RequestId, outcome.Action, ("subject", outcome.Subject), ("detail", outcome.Detail));
        return JsonSerializer.SerializeToUtf8Bytes(result.Response, EventJsonContext.Default.SqsBatchResponse);
    }
}
