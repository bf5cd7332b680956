using SocarDataLake.Core.Events;
using SocarDataLake.Simulate.Engine;

namespace SocarDataLake.Simulate.Aws;

/// <summary>
/// Glue's state-change events on their way to EventBridge. AWS Glue events (EventBridge events reference):
/// delivery type "best effort"; Glue performs no deduplication. So an event may be lost (`glue-event-lost`)
/// or arrive twice (`glue-event-duplicate`).
/// </summary>
public sealed class GlueEvents(Scheduler scheduler, RandomStreams random, Faults faults, EventBus bus, DateTimeOffset epoch)
{
    private readonly Random delays = random.For("glue-events");
    private int nextId;

    public int Lost { get; private set; }

    public void CrawlerStateChange(string crawlerName, string state, string? errorMessage = null)
    {
        var ev = new EventBridgeEvent<GlueCrawlerStateChange>
        {
            Version = "0",
            Id = $"crawler-event-{nextId++}",
            DetailType = "Glue Crawler State Change",
            Source = "aws.glue",
            Time = epoch.AddSeconds(scheduler.Now),
            Region = "ap-south-1",
            Detail = new GlueCrawlerStateChange { CrawlerName = crawlerName, State = state, Message = $"Crawler {state}", ErrorMessage = errorMessage },
        };
        Emit(new BusEvent(ev.DetailType, crawlerName, state, EventBus.Serialize(ev, EventJsonContext.Default.EventBridgeEventGlueCrawlerStateChange)));
    }

    public void JobStateChange(string jobName, string runId, string state)
    {
        var ev = new EventBridgeEvent<GlueJobStateChange>
        {
            Version = "0",
            Id = $"job-event-{nextId++}",
            DetailType = "Glue Job State Change",
            Source = "aws.glue",
            Time = epoch.AddSeconds(scheduler.Now),
            Region = "ap-south-1",
            Detail = new GlueJobStateChange { JobName = jobName, JobRunId = runId, State = state, Severity = state == "SUCCEEDED" ? "INFO" : "ERROR" },
        };
        Emit(new BusEvent(ev.DetailType, jobName, state, EventBus.Serialize(ev, EventJsonContext.Default.EventBridgeEventGlueJobStateChange)));
    }

    private void Emit(BusEvent ev)
    {
        if (faults.Strikes("glue-event-lost"))
        {
            Lost++;
            return;
        }
        // Service events reach the bus in near real time (assume a few seconds).
        scheduler.After(delays.Between(0.5, 5), () => bus.Put(ev));
        if (faults.Strikes("glue-event-duplicate")) scheduler.After(delays.Between(1, 60), () => bus.Put(ev));
    }
}
