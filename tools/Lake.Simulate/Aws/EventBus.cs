using System.Text.Json;
using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Plan;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Aws;

/// <summary>An event on the default bus: its detail-type, the name and state it is matched on, and its JSON.</summary>
public sealed record BusEvent(string DetailType, string Name, string State, string Json);

/// <summary>
/// The default EventBridge bus with the lake's rules. A rule matches detail-type, state and a name prefix
/// (the subset of event patterns the lake uses) and delivers to its target. How EventBridge retries
/// delivering events: a failed delivery (`eventbridge-delivery`) is retried with exponential backoff and
/// jitter until the target's MaximumRetryAttempts or MaximumEventAgeInSeconds (default 185 and 24 h), then
/// sent to the target's DLQ or dropped. Once Lambda accepts the asynchronous invoke, only Lambda's retries
/// apply (research/aws-semantics.md rule 8, an assumption).
/// </summary>
public sealed class EventBus(Scheduler scheduler, RandomStreams random, Faults faults, WorkLedger ledger)
{
    private readonly List<(EventTargetSettings Rule, Action<string> Target)> rules = [];
    private readonly Random jitter = random.For("eventbridge");

    public void AddRule(EventTargetSettings rule, Action<string> target) => rules.Add((rule, target));

    public void Put(BusEvent ev)
    {
        foreach (var (rule, target) in rules)
        {
            if (rule.DetailType != ev.DetailType || !rule.States.Contains(ev.State) || !ev.Name.StartsWith(rule.NamePrefix, StringComparison.Ordinal)) continue;
            Deliver(rule, target, ev);
        }
    }

    /// <summary>Delivers one event to one rule's target, retrying by the target's policy (a scheduled rule calls this itself).</summary>
    public void Deliver(EventTargetSettings rule, Action<string> target, BusEvent ev) => Deliver(rule, target, ev, scheduler.Now, attempt: 0);

    private void Deliver(EventTargetSettings rule, Action<string> target, BusEvent ev, double putAt, int attempt)
    {
        // Delivery to a target takes a fraction of a second (assume).
        scheduler.After(jitter.Between(0.05, 0.5), () =>
        {
            if (!faults.Strikes("eventbridge-delivery"))
            {
                target(ev.Json);
                return;
            }
            var backoff = Math.Min(Math.Pow(2, attempt), 300) * jitter.Between(0.5, 1.5);
            if (attempt < rule.MaximumRetryAttempts.Value && scheduler.Now + backoff - putAt <= rule.MaximumEventAgeSeconds.Value)
            {
                scheduler.After(backoff, () => Deliver(rule, target, ev, putAt, attempt + 1));
                return;
            }
            if (rule.DeadLetterQueue.Value)
            {
                ledger.EventBridgeDeadLettered++;
                ledger.ValidEventsDeadLettered++;
            }
            else
            {
                ledger.EventBridgeDropped++;
            }
            ledger.Note(scheduler.Now, $"{rule.Rule}: {ev.DetailType} {ev.State} undeliverable after {attempt + 1} attempts");
        });
    }

    public static string Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);
}
