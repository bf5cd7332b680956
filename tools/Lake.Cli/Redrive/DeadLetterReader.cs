using System.Net;
using Amazon.SQS;
using Amazon.SQS.Model;
using SocarDataLake.Core;

namespace SocarDataLake.Cli.Redrive;

/// <summary>A queue as the redrive sees it: its URL, ARN, approximate depth and the queues that dead-letter into it.</summary>
public sealed record QueueInfo(string Url, string Arn, long Depth, IReadOnlyList<string> SourceUrls);

/// <summary>What a dead-letter queue holds, grouped by why each message is there.</summary>
public sealed record ReasonCount(string Reason, int Messages);

/// <summary>
/// Reading a dead-letter queue of the lake before sending its messages back: where it is, who feeds it and why its
/// messages are there. glue-trigger puts a "reason" attribute on what it rejects; EventBridge puts ERROR_CODE and
/// ERROR_MESSAGE on events it could not deliver (Using dead-letter queues to process undelivered events); a
/// message SQS moved after maxReceiveCount failed receives carries neither (Using dead-letter queues in Amazon SQS).
/// </summary>
public sealed class DeadLetterReader(IAmazonSQS sqs)
{
    public const string MovedAfterFailedReceives = "failed maxReceiveCount receives (no reason recorded: see the consumer's logs)";

    public async Task<QueueInfo> DescribeAsync(string nameOrUrl, CancellationToken cancellationToken)
    {
        var url = nameOrUrl.StartsWith("https://", StringComparison.Ordinal) || nameOrUrl.StartsWith("http://", StringComparison.Ordinal)
            ? nameOrUrl
            : await UrlOfAsync(nameOrUrl, cancellationToken);
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = ["QueueArn", "ApproximateNumberOfMessages"],
        }, cancellationToken);
        var sources = await sqs.ListDeadLetterSourceQueuesAsync(new ListDeadLetterSourceQueuesRequest { QueueUrl = url }, cancellationToken);
        return new QueueInfo(url, attributes.Attributes["QueueArn"], SqsQueueText.Count(attributes.Attributes, "ApproximateNumberOfMessages"), sources.QueueUrls ?? []);
    }

    public async Task<string> UrlOfAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, cancellationToken)).QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
            throw new LakeException($"{name}: no such queue in this account and region (terraform output ingest_dead_letter_queue_url or events_dead_letter_queue_url names the lake's).");
        }
        catch (AmazonSQSException e) when (e.StatusCode == HttpStatusCode.BadRequest && e.ErrorCode.Contains("NonExistentQueue", StringComparison.Ordinal))
        {
            throw new LakeException($"{name}: no such queue in this account and region.");
        }
    }

    /// <summary>
    /// The reasons of up to <paramref name="limit"/> messages, without taking them: each receive uses a visibility
    /// timeout of 0, so a message stays where it is; a message seen again is counted once.
    /// </summary>
    public async Task<(IReadOnlyList<ReasonCount> Reasons, int Seen)> PeekReasonsAsync(string url, int limit, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var emptyRounds = 0; seen.Count < limit && emptyRounds < 3;)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url,
                MaxNumberOfMessages = 10,
                VisibilityTimeout = 0,
                WaitTimeSeconds = 0,
                MessageAttributeNames = ["All"],
            }, cancellationToken);
            var fresh = (response.Messages ?? []).Where(m => seen.Add(m.MessageId)).ToList();
            if (fresh.Count == 0)
            {
                emptyRounds++;
                continue;
            }
            emptyRounds = 0;
            foreach (var message in fresh)
            {
                var reason = ReasonOf(message);
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }
        return (reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => new ReasonCount(r.Key, r.Value)).ToList(), seen.Count);
    }

    public static string ReasonOf(Message message)
    {
        string? Attribute(string name) => message.MessageAttributes is { } a && a.TryGetValue(name, out var v) ? v.StringValue : null;
        if (Attribute("reason") is { Length: > 0 } reason) return reason;
        if (Attribute("ERROR_CODE") is { Length: > 0 } code)
            return $"EventBridge could not deliver it: {code}{(Attribute("ERROR_MESSAGE") is { Length: > 0 } text ? $" ({text})" : "")}";
        return MovedAfterFailedReceives;
    }
}
