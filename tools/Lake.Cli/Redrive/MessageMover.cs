using Amazon.SQS;
using Amazon.SQS.Model;

namespace SocarDataLake.Cli.Redrive;

/// <summary>How a redrive ended: messages moved, and the failure SQS reported, if any.</summary>
public sealed record MoveOutcome(long Moved, string Status, string? Failure);

/// <summary>
/// Sends a dead-letter queue's messages back. A DLQ of other SQS queues uses SQS's own message move task
/// (StartMessageMoveTask, then ListMessageMoveTasks until COMPLETED, FAILED or CANCELLED; Ctrl-C cancels it),
/// which the API reference limits to "queues that are configured as dead-letter queues of other Amazon SQS
/// queues". EventBridge's DLQ is not one, so its messages are copied: receive, send to the destination, then
/// delete. Sending before deleting may deliver a message twice after a crash; the lake's consumers are
/// idempotent (the reconciler recomputes from state), never lossy.
/// </summary>
public sealed class MessageMover(IAmazonSQS sqs, TimeProvider clock)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public async Task<MoveOutcome> MoveTaskAsync(string sourceArn, string destinationArn, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        var handle = (await sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = sourceArn, DestinationArn = destinationArn }, cancellationToken)).TaskHandle;
        try
        {
            while (true)
            {
                var tasks = await sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = sourceArn, MaxResults = 10 }, cancellationToken);
                var task = (tasks.Results ?? []).FirstOrDefault(t => t.TaskHandle == handle) ?? (tasks.Results ?? []).FirstOrDefault();
                if (task is not null)
                {
                    progress(task.ApproximateNumberOfMessagesMoved ?? 0, task.ApproximateNumberOfMessagesToMove);
                    if (task.Status is "COMPLETED" or "FAILED" or "CANCELLED")
                        return new MoveOutcome(task.ApproximateNumberOfMessagesMoved ?? 0, task.Status, task.FailureReason);
                }
                await Task.Delay(PollInterval, clock, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            await sqs.CancelMessageMoveTaskAsync(new CancelMessageMoveTaskRequest { TaskHandle = handle }, CancellationToken.None);
            throw;
        }
    }

    public async Task<MoveOutcome> CopyAsync(string sourceUrl, string destinationUrl, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        long moved = 0;
        for (var emptyRounds = 0; emptyRounds < 2;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = sourceUrl,
                MaxNumberOfMessages = 10,
                VisibilityTimeout = 60,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
            }, CancellationToken.None);
            var messages = received.Messages ?? [];
            if (messages.Count == 0)
            {
                emptyRounds++;
                continue;
            }
            emptyRounds = 0;
            var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = destinationUrl,
                Entries = messages.Select((m, i) => new SendMessageBatchRequestEntry { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageBody = m.Body }).ToList(),
            }, CancellationToken.None);
            // Only what reached the destination leaves the DLQ; a refused entry stays for the next run.
            var delivered = (sent.Successful ?? []).Select(s => messages[int.Parse(s.Id, System.Globalization.CultureInfo.InvariantCulture)]).ToList();
            if (delivered.Count > 0)
                await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
                {
                    QueueUrl = sourceUrl,
                    Entries = delivered.Select((m, i) => new DeleteMessageBatchRequestEntry { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle }).ToList(),
                }, CancellationToken.None);
            moved += delivered.Count;
            progress(moved, null);
            if (sent.Failed is { Count: > 0 } failed)
                return new MoveOutcome(moved, "FAILED", $"the destination refused {failed.Count} message(s): {failed[0].Code} {failed[0].Message}");
        }
        return new MoveOutcome(moved, "COMPLETED", null);
    }
}
