using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SocarDataLake.TestServers;

/// <summary>
/// The Glue Data Catalog and job-run reads of the AWS views on loopback (awsJson1_1, X-Amz-Target "AWSGlue.&lt;Operation&gt;",
/// SigV4 for "glue"), following the AWS Glue Web API Reference:
/// - GetTables (MaxResults 1-100), GetPartitions (MaxResults 1-1000; ExcludeColumnSchema leaves each partition's
///   StorageDescriptor columns out) and GetJobRuns (MaxResults 1-200; "returns the job runs in chronological order,
///   with the newest jobs returned first"). A page holds at most MaxResults items, and may hold fewer: the fake returns
///   at most <see cref="PageSize"/>, so a client that stops before NextToken runs out misses items. NextToken is opaque.
/// - An unknown database, table or job is EntityNotFoundException; a MaxResults out of range or a token this fake did
///   not issue is InvalidInputException.
/// - Throttling: the API's request quotas answer ThrottlingException, "Rate exceeded" ("AWS Glue endpoints and quotas";
///   Common Errors); <see cref="Throttle"/> queues such refusals per operation.
/// - A caller whose policy lacks an operation's action gets 403 AccessDeniedException (Common Errors, "You don't have
///   sufficient access to perform this action"): <see cref="Denied"/> names such operations.
/// </summary>
public sealed class FakeGlue : IDisposable
{
    /// <summary>A table; its columns are the StorageDescriptor's (Glue's Table structure keeps partition keys apart).</summary>
    public sealed record Table(string Name, IReadOnlyList<string> PartitionKeys, List<string[]> Partitions)
    {
        public IReadOnlyList<(string Name, string Type)> Columns { get; init; } = [];
    }

    public sealed record JobRun(string Id, string State, DateTimeOffset StartedOn, DateTimeOffset? CompletedOn, int ExecutionTime, string? ErrorMessage);

    private readonly LoopbackServer _server;
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<string>> _throttles = new(StringComparer.Ordinal);

    public FakeGlue() => _server = new LoopbackServer(request => Task.FromResult(Handle(request)));

    public string Url => _server.Url;
    public ConcurrentQueue<(string Operation, JsonObject Body)> Calls { get; } = new();
    public Dictionary<string, Dictionary<string, Table>> Databases { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<JobRun>> Jobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Items per page at most, below every MaxResults a client may ask for.</summary>
    public int PageSize { get; set; } = 2;

    /// <summary>A misbehaving service: every page's NextToken leads back to the first page.</summary>
    public bool RepeatNextToken { get; set; }

    /// <summary>Operations the caller's policy does not allow.</summary>
    public HashSet<string> Denied { get; } = new(StringComparer.Ordinal);

    public void Throttle(string operation, int times)
    {
        if (!_throttles.TryGetValue(operation, out var queue)) _throttles[operation] = queue = new Queue<string>();
        for (var i = 0; i < times; i++) queue.Enqueue("ThrottlingException");
    }

    private CannedResponse Handle(RecordedRequest request)
    {
        var target = request.Headers.TryGetValue("X-Amz-Target", out var t) ? t : "";
        var operation = target.StartsWith("AWSGlue.", StringComparison.Ordinal) ? target["AWSGlue.".Length..] : "";
        var body = JsonNode.Parse(request.Body.Length == 0 ? "{}" : request.Body)!.AsObject();
        Calls.Enqueue((operation, body));
        if (!request.Headers.TryGetValue("Authorization", out var authorization) || !authorization.Contains("/glue/aws4_request", StringComparison.Ordinal))
            return Error(403, "InvalidSignatureException", "The request must be signed with SigV4 for the service glue.");
        if (!request.Headers.TryGetValue("Content-Type", out var contentType) || !contentType.StartsWith("application/x-amz-json-1.1", StringComparison.Ordinal))
            return Error(400, "SerializationException", "Content-Type must be application/x-amz-json-1.1");
        lock (_gate)
        {
            if (Denied.Contains(operation))
                return Error(403, "AccessDeniedException", $"User: arn:aws:iam::111122223333:user/observer is not authorized to perform: glue:{operation} on resource: arn:aws:glue:ap-south-1:111122223333:catalog");
            if (_throttles.TryGetValue(operation, out var refusals) && refusals.Count > 0)
                return Error(400, refusals.Dequeue(), "Rate exceeded");
            try
            {
                return operation switch
                {
                    "GetTables" => Ok(GetTables(body)),
                    "GetPartitions" => Ok(GetPartitions(body)),
                    "GetJobRuns" => Ok(GetJobRuns(body)),
                    _ => Error(400, "InvalidInputException", $"{operation} is not modelled by the fake"),
                };
            }
            catch (GlueError e)
            {
                return Error(400, e.Code, e.Message);
            }
        }
    }

    private JsonObject GetTables(JsonObject body)
    {
        var name = body["DatabaseName"]!.GetValue<string>();
        var database = Databases.TryGetValue(name, out var d) ? d : throw new GlueError("EntityNotFoundException", $"Database {name} not found.");
        var tables = database.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var (page, next) = Page(tables, body, 100);
        return WithToken(new JsonObject
        {
            ["TableList"] = new JsonArray(page.Select(table => (JsonNode)new JsonObject
            {
                ["Name"] = table.Name,
                ["DatabaseName"] = name,
                ["PartitionKeys"] = new JsonArray(table.PartitionKeys.Select(k => (JsonNode)new JsonObject { ["Name"] = k, ["Type"] = "int" }).ToArray()),
                ["StorageDescriptor"] = new JsonObject { ["Location"] = $"s3://socar-lake-dev-processed/{table.Name}/", ["Columns"] = new JsonArray(table.Columns.Select(c => (JsonNode)new JsonObject { ["Name"] = c.Name, ["Type"] = c.Type }).ToArray()) },
                ["TableType"] = "EXTERNAL_TABLE",
            }).ToArray()),
        }, next);
    }

    private JsonObject GetPartitions(JsonObject body)
    {
        var databaseName = body["DatabaseName"]!.GetValue<string>();
        var tableName = body["TableName"]!.GetValue<string>();
        var table = Databases.TryGetValue(databaseName, out var d) && d.TryGetValue(tableName, out var found)
            ? found
            : throw new GlueError("EntityNotFoundException", $"Table {tableName} not found in database {databaseName}.");
        var exclude = body["ExcludeColumnSchema"]?.GetValue<bool>() == true;
        var (page, next) = Page(table.Partitions, body, 1000);
        return WithToken(new JsonObject
        {
            ["Partitions"] = new JsonArray(page.Select(values =>
            {
                var location = $"s3://socar-lake-dev-processed/{table.Name}/" + string.Concat(table.PartitionKeys.Zip(values, (k, v) => $"{k}={v}/"));
                var storage = new JsonObject { ["Location"] = location };
                if (!exclude) storage["Columns"] = new JsonArray(new JsonObject { ["Name"] = "fare_amount", ["Type"] = "double" });
                return (JsonNode)new JsonObject
                {
                    ["Values"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()),
                    ["DatabaseName"] = databaseName,
                    ["TableName"] = tableName,
                    ["StorageDescriptor"] = storage,
                };
            }).ToArray()),
        }, next);
    }

    private JsonObject GetJobRuns(JsonObject body)
    {
        var name = body["JobName"]!.GetValue<string>();
        var runs = Jobs.TryGetValue(name, out var r) ? r : throw new GlueError("EntityNotFoundException", $"Job with name: {name} not found.");
        var (page, next) = Page(runs.OrderByDescending(run => run.StartedOn).ToList(), body, 200);
        return WithToken(new JsonObject
        {
            ["JobRuns"] = new JsonArray(page.Select(run =>
            {
                var json = new JsonObject
                {
                    ["Id"] = run.Id,
                    ["JobName"] = name,
                    ["Attempt"] = 0,
                    ["JobRunState"] = run.State,
                    ["StartedOn"] = run.StartedOn.ToUnixTimeMilliseconds() / 1000.0,
                    ["LastModifiedOn"] = (run.CompletedOn ?? run.StartedOn).ToUnixTimeMilliseconds() / 1000.0,
                    ["ExecutionTime"] = run.ExecutionTime,
                    ["GlueVersion"] = "5.0",
                };
                if (run.CompletedOn is { } completed) json["CompletedOn"] = completed.ToUnixTimeMilliseconds() / 1000.0;
                if (run.ErrorMessage is not null) json["ErrorMessage"] = run.ErrorMessage;
                return (JsonNode)json;
            }).ToArray()),
        }, next);
    }

    // The token is opaque to the client: here "<operation offset>", checked on the way back.
    private (List<T> Page, string? Next) Page<T>(IReadOnlyList<T> items, JsonObject body, int maxResults)
    {
        var max = body["MaxResults"]?.GetValue<int>() ?? maxResults;
        if (max < 1 || max > maxResults) throw new GlueError("InvalidInputException", $"MaxResults {max} is outside 1-{maxResults}");
        var offset = 0;
        if (body["NextToken"]?.GetValue<string>() is { } token
            && !(token.StartsWith("page-", StringComparison.Ordinal) && int.TryParse(token[5..], NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
            throw new GlueError("InvalidInputException", "Invalid pagination token");
        var take = Math.Min(max, PageSize);
        var page = items.Skip(offset).Take(take).ToList();
        if (RepeatNextToken) return (page, "page-0");
        return (page, offset + take < items.Count ? $"page-{offset + take}" : null);
    }

    private static JsonObject WithToken(JsonObject answer, string? next)
    {
        if (next is not null) answer["NextToken"] = next;
        return answer;
    }

    private sealed class GlueError(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }

    private static CannedResponse Ok(JsonObject body) =>
        new(200, body.ToJsonString(), new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.1" });

    private static CannedResponse Error(int status, string code, string message) =>
        new(status, new JsonObject { ["__type"] = code, ["Message"] = message }.ToJsonString(), new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.1" });

    public void Dispose() => _server.Dispose();
}
