using System.Globalization;
using SocarDataLake.Core;

namespace SocarDataLake.Cli.Redrive;

/// <summary>
/// `lake redrive --aws &lt;queue&gt;`: after a fix, send a dead-letter queue's messages back to where they are
/// processed. It first says what the queue holds and why (reasons of up to 100 messages), then moves them:
/// to the queue that dead-letters into it, or to --to. EventBridge's events DLQ goes to the reconcile queue by
/// default: its messages are Glue state changes, which the reconciler re-reads from state anyway.
/// </summary>
internal static class RedriveCommand
{
    private const int PeekLimit = 100;

    public static async Task<int> RunAsync(string queue, string? to, bool dryRun, AwsOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var target = AwsTarget.Resolve(options, Environment.GetEnvironmentVariable, needsBucket: false, needsStream: false);
        using var sqs = target.SqsClient();
        var queues = new DeadLetterReader(sqs);

        var source = await queues.DescribeAsync(queue, cancellationToken);
        var sourceName = NameOf(source.Url);
        Console.WriteLine($"{sourceName}: about {source.Depth.ToString("N0", CultureInfo.InvariantCulture)} message(s){(source.SourceUrls.Count > 0 ? $", dead-letter queue of {string.Join(", ", source.SourceUrls.Select(NameOf))}" : "")}");
        var (reasons, seen) = await queues.PeekReasonsAsync(source.Url, PeekLimit, cancellationToken);
        if (seen == 0)
        {
            Console.WriteLine("Nothing to redrive: the queue is empty.");
            return 0;
        }
        Console.WriteLine($"Why they are there (the first {seen}):");
        foreach (var r in reasons) Console.WriteLine($"  {r.Messages,6}  {r.Reason}");

        var destination = await DestinationAsync(queues, source, sourceName, to, cancellationToken);
        var destinationName = NameOf(destination.Url);
        if (dryRun)
        {
            Console.WriteLine($"--dry-run: nothing moved; without it they go to {destinationName}.");
            return 0;
        }

        var mover = new MessageMover(sqs, clock);
        void Progress(long moved, long? total) =>
            Console.Error.Write($"\rmoved {moved.ToString("N0", CultureInfo.InvariantCulture)}{(total is { } t ? $" of {t.ToString("N0", CultureInfo.InvariantCulture)}" : "")}   ");
        MoveOutcome outcome;
        try
        {
            outcome = source.SourceUrls.Count > 0
                ? await mover.MoveTaskAsync(source.Arn, destination.Arn, Progress, cancellationToken)
                : await mover.CopyAsync(source.Url, destination.Url, Progress, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"lake: redrive stopped by {StopSignal.Name}; what was moved stays in {destinationName}, the rest is still in {sourceName}.");
            return StopSignal.ExitCode;
        }
        Console.Error.WriteLine();
        Console.WriteLine($"{outcome.Status}: {outcome.Moved.ToString("N0", CultureInfo.InvariantCulture)} message(s) moved from {sourceName} to {destinationName}.");
        if (outcome.Failure is not null) Console.Error.WriteLine($"lake: redrive {outcome.Status}: {outcome.Failure}");
        return outcome.Status == "COMPLETED" ? 0 : 1;
    }

    private static async Task<QueueInfo> DestinationAsync(DeadLetterReader queues, QueueInfo source, string sourceName, string? to, CancellationToken cancellationToken)
    {
        if (to is not null) return await queues.DescribeAsync(to, cancellationToken);
        if (source.SourceUrls.Count == 1) return await queues.DescribeAsync(source.SourceUrls[0], cancellationToken);
        if (source.SourceUrls.Count > 1)
            throw new LakeException($"{sourceName} is the dead-letter queue of {source.SourceUrls.Count} queues ({string.Join(", ", source.SourceUrls.Select(NameOf))}): pass --to <queue>.");
        if (sourceName.EndsWith("-events-dlq", StringComparison.Ordinal))
            return await queues.DescribeAsync(sourceName[..^"-events-dlq".Length] + "-reconcile", cancellationToken);
        throw new LakeException($"No queue dead-letters into {sourceName}: pass --to <queue> to say where its messages go.");
    }

    private static string NameOf(string url) => SqsQueueText.Name(url);
}
