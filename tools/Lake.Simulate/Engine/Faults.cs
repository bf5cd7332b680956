namespace SocarDataLake.Simulate.Engine;

/// <summary>
/// Injectable faults: each name is a probability that one occurrence goes wrong. Each fault draws from its own
/// random stream, so adding one fault leaves the draws of the others unchanged.
/// </summary>
public sealed class Faults
{
    /// <summary>Every fault the model knows, with what one occurrence means.</summary>
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["glue-job"] = "a Glue job run fails (FAILED) part-way; output may be written without the bookmark commit",
        ["crawler"] = "a crawl ends Failed instead of Succeeded",
        ["lambda"] = "a Lambda invocation fails with a function error (exception or timeout), before or after its handler's work, half of the time each",
        ["throttle"] = "a Lambda invocation is throttled (429) before the function runs",
        ["glue-throttle"] = "StartCrawler or StartJobRun answers ThrottlingException",
        ["s3-event-duplicate"] = "S3 sends a second ObjectCreated notification for the same object",
        ["sqs-duplicate"] = "SQS delivers a message again after it was deleted (at-least-once)",
        ["glue-event-lost"] = "a Glue state-change event never reaches EventBridge (best effort)",
        ["glue-event-duplicate"] = "a Glue state-change event reaches EventBridge twice",
        ["async-duplicate"] = "Lambda's asynchronous queue runs the same event twice",
        ["eventbridge-delivery"] = "one EventBridge attempt to deliver to a target fails (retried by the target's retry policy)",
        ["dynamodb-throttle"] = "a DynamoDB request on the state table answers a throttling error",
        ["reconcile-race"] = "another reconcile of the same dataset reads and writes between a reconcile's read and its conditional write",
        ["poison"] = "an upload lands under a key no contract accepts (a poison event, never valid work)",
    };

    private readonly IReadOnlyDictionary<string, double> rates;
    private readonly RandomStreams random;

    public Faults(IReadOnlyDictionary<string, double> rates, RandomStreams random)
    {
        foreach (var name in rates.Keys)
            if (!Known.ContainsKey(name)) throw new ArgumentException($"unknown fault '{name}'; known: {string.Join(", ", Known.Keys)}", nameof(rates));
        this.rates = rates;
        this.random = random;
    }

    public double Rate(string name) => rates.TryGetValue(name, out var p) ? p : 0;

    /// <summary>True when this occurrence of the fault happens.</summary>
    public bool Strikes(string name)
    {
        var p = Rate(name);
        return p > 0 && random.For("fault:" + name).NextDouble() < p;
    }
}
