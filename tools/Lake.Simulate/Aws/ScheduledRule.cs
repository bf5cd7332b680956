using System.Text.Json;
using SocarDataLake.Simulate.Engine;

namespace SocarDataLake.Simulate.Aws;

/// <summary>
/// An EventBridge rule on a schedule (rate(N minutes)) whose target receives a "Scheduled Event" from
/// aws.events. Creating a rule that runs on a schedule in Amazon EventBridge: the finest granularity is a
/// minute and the rule fires within that minute, not at an exact second (assume up to 60 s late). Delivery
/// to the target retries like any rule's (How EventBridge retries delivering events), through <see cref="EventBus"/>.
/// </summary>
public sealed class ScheduledRule(Scheduler scheduler, RandomStreams random, EventBus bus, Plan.EventTargetSettings target, double everySeconds,
    DateTimeOffset epoch, Action<string> deliver)
{
    private readonly Random lateness = random.For("schedule:" + target.Rule);
    private int fired;

    public int Fired => fired;

    public void Start() => scheduler.After(everySeconds, Fire);

    private void Fire()
    {
        scheduler.After(everySeconds, Fire);
        scheduler.After(lateness.Between(0, 60), () =>
        {
            var json = JsonSerializer.Serialize(new ScheduledEvent(
                "0", $"sweep-{fired++}", "Scheduled Event", "aws.events", epoch.AddSeconds(scheduler.Now).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                [$"arn:aws:events:ap-south-1:123456789012:rule/{target.Rule}"]), SimulateJsonContext.Default.ScheduledEvent);
            bus.Deliver(target, deliver, new BusEvent("Scheduled Event", target.Rule, "", json));
        });
    }
}
