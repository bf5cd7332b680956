using Amazon.SQS;
using Amazon.SQS.Model;
using SocarDataLake.AwsViews;
using SocarDataLake.Core;

namespace SocarDataLake.Cli.AwsViews;

/// <summary>A queue's approximate depth: messages waiting (visible) and in flight (received, not yet deleted).</summary>
internal sealed record QueueDepth(string Name, string Url, long Waiting, long InFlight, bool IsDeadLetter);

/// <summary>
/// Queue depths from GetQueueAttributes: ApproximateNumberOfMessages ("messages available for retrieval") and
/// ApproximateNumberOfMessagesNotVisible ("in flight": received, not yet deleted, visibility timeout not over),
/// Amazon SQS API Reference, GetQueueAttributes. Both are approximate and may lag by about a minute.
/// </summary>
internal static class QueueDepths
{
    private const string Waiting = "ApproximateNumberOfMessages";
    private const string InFlight = "ApproximateNumberOfMessagesNotVisible";

    public static async Task<IReadOnlyList<QueueDepth>> ReadAsync(IAmazonSQS sqs, LakeQueues queues, CancellationToken cancellationToken) =>
    [
        await ReadAsync(sqs, queues.Ingest, false, cancellationToken),
        await ReadAsync(sqs, queues.IngestDeadLetter, true, cancellationToken),
        await ReadAsync(sqs, queues.EventsDeadLetter, true, cancellationToken),
    ];

    private static async Task<QueueDepth> ReadAsync(IAmazonSQS sqs, string url, bool deadLetter, CancellationToken cancellationToken)
    {
        GetQueueAttributesResponse response;
        try
        {
            response = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [Waiting, InFlight] }, cancellationToken);
        }
        catch (QueueDoesNotExistException)
        {
            throw new LakeException($"{url}: no such queue in this account and region; check the queue URL you gave (variable or --outputs file) and --region.");
        }
        catch (AmazonSQSException e)
        {
            throw AwsRefusal.Explain("SQS", $"GetQueueAttributes of {url}", $"sqs:GetQueueAttributes on the queue {SqsQueueText.Name(url)}", e);
        }
        return new QueueDepth(SqsQueueText.Name(url), url, SqsQueueText.Count(response.Attributes, Waiting), SqsQueueText.Count(response.Attributes, InFlight), deadLetter);
    }
}
