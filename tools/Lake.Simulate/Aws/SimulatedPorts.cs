using System.Text.Json;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Ports;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Aws;

// The ports the real trigger handlers call, answered by the simulated services. Each returns a completed task:
// the simulation is single-threaded and the handler's awaits finish synchronously.

/// <summary>ICrawler and ICrawlerStatusReader → the simulated Glue crawler (StartCrawler, GetCrawler).</summary>
public sealed class SimulatedCrawler(GlueCrawlers crawlers) : ICrawler, ICrawlerStatusReader
{
    public Task<CrawlStart> StartCrawlAsync(string dataset, CancellationToken cancellationToken) => Task.FromResult(crawlers.Start(dataset));

    public Task<CrawlerStatus> GetCrawlerAsync(string dataset, CancellationToken cancellationToken) => Task.FromResult(crawlers.Status(dataset));
}

/// <summary>IJobRunner and IJobRunReader → the simulated Glue job (StartJobRun, GetJobRun).</summary>
public sealed class SimulatedJobRunner(GlueJobs jobs) : IJobRunner, IJobRunReader
{
    public Task<JobStart> StartJobAsync(string dataset, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken) =>
        Task.FromResult(jobs.Start(dataset));

    public Task<JobRunDetails?> GetJobRunAsync(string jobName, string runId, CancellationToken cancellationToken) =>
        Task.FromResult(jobs.State(runId) is { } state ? new JobRunDetails(state, null, null) : null);
}

/// <summary>The handlers' clock: simulated time on the simulation's epoch.</summary>
public sealed class SimulatedClock(Engine.Scheduler scheduler, DateTimeOffset epoch) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => epoch.AddSeconds(scheduler.Now);
}

/// <summary>IDeadLetters → SendMessage to the simulated dead-letter queue, the reason kept beside the body.</summary>
public sealed class SimulatedDeadLetters(SqsQueue deadLetterQueue) : IDeadLetters
{
    public List<DeadLetter> Sent { get; } = [];

    public Task SendAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        Sent.Add(letter);
        deadLetterQueue.Send(letter.Body);
        return Task.CompletedTask;
    }
}

/// <summary>Counts what reaches a dead-letter queue: valid work (an object with a contract) or poison.</summary>
public static class DeadLetterAccounting
{
    public static void Watch(SqsQueue deadLetterQueue, WorkLedger ledger) => deadLetterQueue.MessageArrived += message => Record(message.Body, ledger);

    public static void Record(string body, WorkLedger ledger)
    {
        var valid = false;
        try
        {
            var notification = JsonSerializer.Deserialize(body, EventJsonContext.Default.S3EventNotification);
            foreach (var record in notification?.Records ?? [])
                if (record.S3?.S3Object?.DecodedKey is { } key && ledger.Find(key) is { } obj)
                {
                    obj.DeadLettered++;
                    valid |= obj.Valid;
                }
        }
        catch (JsonException)
        {
            // Not an S3 event at all: poison by definition.
        }
        if (valid) ledger.ValidEventsDeadLettered++;
        else ledger.PoisonEventsDeadLettered++;
    }
}
