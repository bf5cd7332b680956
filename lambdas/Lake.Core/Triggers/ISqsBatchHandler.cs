using SocarDataLake.Core.Events;

namespace SocarDataLake.Core.Triggers;

/// <summary>
/// A trigger fed by an SQS event source mapping with ReportBatchItemFailures: the batch in, the messages to
/// deliver again (and what happened to each dataset or message) out.
/// </summary>
public interface ISqsBatchHandler
{
    Task<TriggerBatchResult> HandleAsync(SqsEvent batch, CancellationToken cancellationToken);
}
