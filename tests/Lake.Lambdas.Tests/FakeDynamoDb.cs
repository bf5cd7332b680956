using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>
/// A small model of DynamoDB's JSON 1.0 API for one table keyed by "dataset", enough for the state store.
/// DynamoDB API Reference: GetItem (an absent item answers {} without "Item"; ConsistentRead true reads the
/// latest write); UpdateItem (SET and ADD in an update expression, ADD on a missing number starts from 0, a
/// missing item is created; a false ConditionExpression answers 400 ConditionalCheckFailedException and
/// changes nothing); Common Errors (throttling as 400 ProvisionedThroughputExceededException). Error types
/// arrive namespaced ("com.amazonaws.dynamodb.v20120810#...") as DynamoDB sends them.
/// </summary>
internal sealed class FakeDynamoDb
{
    private const string Namespace = "com.amazonaws.dynamodb.v20120810#";

    public Dictionary<string, JsonObject> Items { get; } = new(StringComparer.Ordinal);
    public int Throttle { get; set; }
    public bool EveryReadConsistent { get; private set; } = true;

    public Task<CannedResponse> Handle(RecordedRequest request)
    {
        if (Throttle-- > 0) return Error("ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.");
        var body = JsonNode.Parse(request.Body)!.AsObject();
        var dataset = body["Key"]!["dataset"]!["S"]!.GetValue<string>();
        switch (request.Headers["X-Amz-Target"])
        {
            case "DynamoDB_20120810.GetItem":
                EveryReadConsistent &= body["ConsistentRead"]?.GetValue<bool>() == true;
                return Task.FromResult(new CannedResponse(200, Items.TryGetValue(dataset, out var found) ? new JsonObject { ["Item"] = found.DeepClone() }.ToJsonString() : "{}"));
            case "DynamoDB_20120810.UpdateItem":
                var item = Items.TryGetValue(dataset, out var existing) ? (JsonObject)existing.DeepClone() : new JsonObject { ["dataset"] = new JsonObject { ["S"] = dataset } };
                var names = body["ExpressionAttributeNames"]?.AsObject();
                var values = body["ExpressionAttributeValues"]!.AsObject();
                string Name(string token) => token.StartsWith('#') ? names![token]!.GetValue<string>() : token;
                if (body["ConditionExpression"]?.GetValue<string>() is { } condition && !Holds(condition, existing, Name, values))
                    return Error("ConditionalCheckFailedException", "The conditional request failed");
                Apply(body["UpdateExpression"]!.GetValue<string>(), item, Name, values);
                Items[dataset] = item;
                return Task.FromResult(new CannedResponse(200, "{}"));
            default:
                return Error("UnknownOperationException", "");
        }
    }

    private static Task<CannedResponse> Error(string type, string message) =>
        Task.FromResult(new CannedResponse(400, new JsonObject { ["__type"] = Namespace + type, ["message"] = message }.ToJsonString()));

    private static decimal Number(JsonNode? attribute) => attribute?["N"] is { } n ? decimal.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture) : 0;

    // The condition forms the lake writes: attribute_not_exists(a), a = :v, a < :v, joined by OR.
    private static bool Holds(string condition, JsonObject? item, Func<string, string> name, JsonObject values) =>
        condition.Split(" OR ").Any(part =>
        {
            part = part.Trim();
            if (part.StartsWith("attribute_not_exists(", StringComparison.Ordinal))
                return item?[name(part["attribute_not_exists(".Length..^1])] is null;
            var tokens = part.Split(' ');
            var current = item?[name(tokens[0])];
            return current is not null && (tokens[1] == "=" ? current.ToJsonString() == values[tokens[2]]!.ToJsonString() : Number(current) < Number(values[tokens[2]]));
        });

    private static void Apply(string expression, JsonObject item, Func<string, string> name, JsonObject values)
    {
        // "SET a = :a, b = :b ADD c :c" or "ADD c :c SET a = :a": clauses start at their keyword.
        var clauses = System.Text.RegularExpressions.Regex.Split(expression, @"\b(?=SET |ADD )");
        foreach (var clause in clauses.Where(c => c.Length > 0))
        {
            var keyword = clause[..3];
            foreach (var action in clause[4..].Split(',').Select(a => a.Trim()).Where(a => a.Length > 0))
            {
                if (keyword == "SET")
                {
                    var parts = action.Split(" = ");
                    item[name(parts[0])] = values[parts[1].Trim()]!.DeepClone();
                }
                else
                {
                    var parts = action.Split(' ');
                    var sum = Number(item[name(parts[0])]) + Number(values[parts[1]]);
                    item[name(parts[0])] = new JsonObject { ["N"] = sum.ToString(CultureInfo.InvariantCulture) };
                }
            }
        }
    }
}
