using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SocarDataLake.TestServers;

/// <summary>How the fake runs one query: what it returns or how it fails, and how many polls each state lasts.</summary>
public sealed record AthenaPlan(
    IReadOnlyList<(string Name, string Type)> Columns,
    IReadOnlyList<string?[]> Rows,
    long ScannedBytes = 3 * 1024 * 1024,
    int QueuedPolls = 2,
    int RunningPolls = 2,
    int? FailCategory = null,
    string? FailReason = null,
    bool RunsForever = false,
    string StatementType = "DML",
    string? UndocumentedState = null,
    bool NoStatistics = false);

/// <summary>
/// Athena's query API on loopback (awsJson1_1, X-Amz-Target "AmazonAthena.&lt;Operation&gt;", SigV4 for "athena"), a
/// small model of the documented behaviour, including the parts that hurt a client:
/// - StartQueryExecution (API Reference, StartQueryExecution): ClientRequestToken is required outside the SDKs, and
///   a second start with the same token returns the same QueryExecutionId instead of creating a query; the same token
///   with another QueryString (or other ExecutionParameters) is an error. An unknown workgroup is InvalidRequestException.
/// - ExecutionParameters ("Use parameterized queries" and "Use execution parameters", Athena User Guide; API
///   Reference, StartQueryExecution): "a list of values for the parameters in a query", applied sequentially to the ?
///   placeholders in the order they occur, each value a SQL literal ('text', 42, DATE '2019-01-31'); the list, when
///   sent, holds at least one value, each at least one character. A count of values other than the placeholders' fails
///   the query as Trino's analyzer does ("Incorrect number of parameters: expected N but found M", a user error); the
///   guide does not say whether Athena refuses it at StartQueryExecution instead, so the fake fails the query, which a
///   client must handle either way. The plan is chosen on the statement as the engine runs it, the values in place.
/// - GetQueryExecution (API Reference, QueryExecutionStatus): a query is QUEUED, then RUNNING, then SUCCEEDED,
///   FAILED or CANCELLED, each state lasting several polls; "for queries that experience certain transient errors,
///   the state transitions from RUNNING back to QUEUED" (modelled once when <see cref="RequeueOnce"/>). A FAILED
///   query carries StateChangeReason and AthenaError.ErrorCategory (API Reference, AthenaError: 1 system, 2 user,
///   3 other). Statistics carry DataScannedInBytes, EngineExecutionTimeInMillis, TotalExecutionTimeInMillis.
/// - GetQueryResults (API Reference, GetQueryResults): MaxResults 1-1000; pages follow NextToken, "a token generated
///   by the Athena service that specifies where to continue pagination if a previous request was truncated", the
///   only way into the middle of a result (there is no offset); MaxResults may differ from call to call; for a SELECT
///   (StatementType DML) the first row of the first page is the column names, on no other page (not in the API
///   Reference; observed and written up in uber/athenadriver, resources/UndocumentedAthena.md, "When the Row
///   resultset contains Header"). Asking before SUCCEEDED is InvalidRequestException.
/// - StopQueryExecution (API Reference, StopQueryExecution): HTTP 200 with an empty body; the query becomes CANCELLED.
/// - Throttling: the per-account API call quotas answer ThrottlingException ("Rate exceeded"); too many active
///   queries answer StartQueryExecution with TooManyRequestsException, Reason CONCURRENT_QUERY_LIMIT_EXCEEDED
///   (botocore Athena exceptions, TooManyRequestsException). <see cref="Throttle"/> queues such refusals per operation.
/// </summary>
public sealed class FakeAthena : IDisposable
{
    public sealed class Query(string id, string sql, string token, AthenaPlan plan)
    {
        public string Id { get; } = id;
        public string Sql { get; } = sql;
        public IReadOnlyList<string> ExecutionParameters { get; init; } = [];

        /// <summary>The statement as the engine runs it: each ? replaced by its value, in order.</summary>
        public string? BoundSql { get; init; }
        public string Token { get; } = token;
        public AthenaPlan Plan { get; } = plan;
        public string State { get; set; } = "QUEUED";
        public string? Reason { get; set; }
        public int Polls { get; set; }
        public bool Requeued { get; set; }
    }

    private readonly LoopbackServer _server;
    private readonly object _gate = new();
    private readonly Func<string, AthenaPlan> _plan;
    private readonly Dictionary<string, Queue<string>> _throttles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dropped = new(StringComparer.Ordinal);

    public FakeAthena(Func<string, AthenaPlan> plan)
    {
        _plan = plan;
        _server = new LoopbackServer(request => Task.FromResult(Handle(request)));
    }

    public string Url => _server.Url;

    /// <summary>What `lake query --aws` needs to talk to this fake: test credentials, its endpoint, the lake's workgroup and database.</summary>
    public Dictionary<string, string> CliEnvironment() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIDTEST",
        ["AWS_SECRET_ACCESS_KEY"] = "secret",
        ["AWS_REGION"] = "ap-south-1",
        ["AWS_ENDPOINT_URL_ATHENA"] = Url,
        ["LAKE_WORKGROUP"] = "socar-lake-dev-analytics",
        ["LAKE_DATABASE"] = "socar_lake_dev_processed",
    };
    public ConcurrentQueue<(string Operation, JsonObject Body)> Calls { get; } = new();
    public List<Query> Queries { get; } = [];
    public HashSet<string> Workgroups { get; } = new(StringComparer.Ordinal) { "socar-lake-dev-analytics" };
    public bool RequeueOnce { get; set; }

    /// <summary>A misbehaving service: every result page's NextToken is the same one, leading to the page after the header row.</summary>
    public bool RepeatNextToken { get; set; }

    /// <summary>
    /// Where a SUCCEEDED query's result is written, as Athena writes it to the workgroup's OutputLocation
    /// (s3://&lt;results bucket&gt;/&lt;query id&gt;.csv; "Working with query results, recent queries, and output files"):
    /// CSV with a header row, every value in double quotes, NULL as an empty field.
    /// </summary>
    public Action<string, byte[]>? WriteResult { get; set; }

    public const string ResultsBucket = "socar-lake-dev-athena-results";

    /// <summary>Starts that create their query and then lose the answer (HTTP 500), as a dropped connection would.</summary>
    public int LostStartAnswers { get; set; }

    /// <summary>
    /// The next calls of <paramref name="operation"/> are carried out (a start creates its query) and then the
    /// connection is closed without an answer, as when a network drops it: the client cannot tell whether the call ran.
    /// </summary>
    public void DropAnswers(string operation, int times) => _dropped[operation] = times;

    /// <summary>The next calls of <paramref name="operation"/> are refused with <paramref name="errorCode"/>, one refusal per call.</summary>
    public void Throttle(string operation, string errorCode, int times)
    {
        if (!_throttles.TryGetValue(operation, out var queue)) _throttles[operation] = queue = new Queue<string>();
        for (var i = 0; i < times; i++) queue.Enqueue(errorCode);
    }

    private CannedResponse Handle(RecordedRequest request)
    {
        var target = request.Headers.TryGetValue("X-Amz-Target", out var t) ? t : "";
        var operation = target.StartsWith("AmazonAthena.", StringComparison.Ordinal) ? target["AmazonAthena.".Length..] : "";
        var body = JsonNode.Parse(request.Body.Length == 0 ? "{}" : request.Body)!.AsObject();
        Calls.Enqueue((operation, body));
        if (operation.Length == 0)
            return Error(400, "UnknownOperationException", $"X-Amz-Target '{target}' is not an Athena operation");
        if (!request.Headers.TryGetValue("Authorization", out var authorization) || !authorization.Contains("/athena/aws4_request", StringComparison.Ordinal))
            return Error(403, "InvalidSignatureException", "The request must be signed with SigV4 for the service athena.");
        if (!request.Headers.TryGetValue("Content-Type", out var contentType) || !contentType.StartsWith("application/x-amz-json-1.1", StringComparison.Ordinal))
            return Error(400, "SerializationException", "Content-Type must be application/x-amz-json-1.1");
        lock (_gate)
        {
            if (_throttles.TryGetValue(operation, out var refusals) && refusals.Count > 0)
            {
                var code = refusals.Dequeue();
                return code == "TooManyRequestsException"
                    ? Error(400, code, "You have exceeded the limit for the number of queries you can run concurrently.", reason: "CONCURRENT_QUERY_LIMIT_EXCEEDED")
                    : Error(400, code, "Rate exceeded");
            }
            var answer = operation switch
            {
                "StartQueryExecution" => Start(body),
                "GetQueryExecution" => Get(Find(body)),
                "GetQueryResults" => Results(Find(body), body),
                "StopQueryExecution" => Stop(Find(body)),
                _ => Error(400, "InvalidRequestException", $"{operation} is not modelled by the fake"),
            };
            if (_dropped.TryGetValue(operation, out var drops) && drops > 0)
            {
                _dropped[operation] = drops - 1;
                return answer with { DropConnection = true };
            }
            return answer;
        }
    }

    private Query? Find(JsonObject body) => Queries.FirstOrDefault(q => q.Id == body["QueryExecutionId"]?.GetValue<string>());

    private CannedResponse Start(JsonObject body)
    {
        var sql = body["QueryString"]?.GetValue<string>() ?? "";
        var token = body["ClientRequestToken"]?.GetValue<string>();
        var workgroup = body["WorkGroup"]?.GetValue<string>() ?? "primary";
        if (token is null) return Error(400, "InvalidRequestException", "ClientRequestToken is required outside the AWS SDKs and CLI.");
        if (!Workgroups.Contains(workgroup)) return Error(400, "InvalidRequestException", $"WorkGroup {workgroup} is not found.");
        List<string> parameters = [];
        if (body["ExecutionParameters"] is JsonArray given)
        {
            parameters = given.Select(v => v?.GetValue<string>() ?? "").ToList();
            if (parameters.Count == 0 || parameters.Any(p => p.Length == 0))
                return Error(400, "InvalidRequestException", "ExecutionParameters must hold at least 1 item, each of at least 1 character.");
        }
        var query = Queries.FirstOrDefault(q => q.Token == token);
        if (query is not null && (query.Sql != sql || !query.ExecutionParameters.SequenceEqual(parameters)))
            return Error(400, "InvalidRequestException", "Idempotent parameters do not match: the same ClientRequestToken was used with another QueryString or ExecutionParameters.");
        if (query is null)
        {
            var placeholders = Placeholders(sql);
            var bound = placeholders.Count == parameters.Count ? Bound(sql, placeholders, parameters) : null;
            var plan = bound is null
                ? _plan(sql) with { FailCategory = 2, FailReason = $"INVALID_PARAMETER_USAGE: Incorrect number of parameters: expected {placeholders.Count} but found {parameters.Count}" }
                : _plan(bound);
            query = new Query($"{Guid.NewGuid()}", sql, token, plan) { ExecutionParameters = parameters, BoundSql = bound };
            Queries.Add(query);
        }
        if (LostStartAnswers > 0)
        {
            LostStartAnswers--;
            return Error(500, "InternalServerException", "We encountered an internal error. Please try again.");
        }
        return Ok(new JsonObject { ["QueryExecutionId"] = query.Id });
    }

    // Where the ? placeholders are: outside strings, quoted identifiers and comments.
    private static List<int> Placeholders(string sql)
    {
        var at = new List<int>();
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] == '?') at.Add(i);
            else if (sql[i] is '\'' or '"')
            {
                // To the closing quote; a doubled one ('it''s') is part of the text.
                var quote = sql[i++];
                while (i < sql.Length && !(sql[i] == quote && (i + 1 == sql.Length || sql[i + 1] != quote)))
                    i += sql[i] == quote ? 2 : 1;
            }
            else if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
                i = sql.IndexOf('\n', i) is var end && end >= 0 ? end : sql.Length;
            else if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end && end >= 0 ? end + 1 : sql.Length;
        }
        return at;
    }

    private static string Bound(string sql, List<int> placeholders, List<string> values)
    {
        var text = new System.Text.StringBuilder(sql);
        for (var p = placeholders.Count - 1; p >= 0; p--) text.Remove(placeholders[p], 1).Insert(placeholders[p], values[p]);
        return text.ToString();
    }

    private CannedResponse Get(Query? query)
    {
        if (query is null) return Error(400, "InvalidRequestException", "QueryExecution was not found");
        Advance(query);
        var plan = query.Plan;
        var finished = query.State is "SUCCEEDED" or "FAILED" or "CANCELLED";
        var status = new JsonObject { ["State"] = query.State, ["SubmissionDateTime"] = 1764547200.0 };
        if (query.Reason is not null) status["StateChangeReason"] = query.Reason;
        if (query.State == "FAILED")
            status["AthenaError"] = new JsonObject { ["ErrorCategory"] = plan.FailCategory, ["ErrorType"] = plan.FailCategory == 2 ? 1000 : 100, ["Retryable"] = false, ["ErrorMessage"] = plan.FailReason };
        var scanned = query.State == "RUNNING" ? plan.ScannedBytes / 2 : query.State == "QUEUED" || query.State == "FAILED" ? 0 : plan.ScannedBytes;
        var execution = new JsonObject
        {
            ["QueryExecutionId"] = query.Id,
            ["Query"] = query.Sql,
            ["StatementType"] = plan.StatementType,
            ["ResultConfiguration"] = new JsonObject { ["OutputLocation"] = $"s3://{ResultsBucket}/{query.Id}.csv" },
            ["QueryExecutionContext"] = new JsonObject { ["Database"] = "socar_lake_dev_processed" },
            ["Status"] = status,
            ["Statistics"] = new JsonObject
            {
                ["DataScannedInBytes"] = scanned,
                ["EngineExecutionTimeInMillis"] = finished ? 1234 : 0,
                ["TotalExecutionTimeInMillis"] = finished ? 1500 : 200,
            },
            ["WorkGroup"] = "socar-lake-dev-analytics",
        };
        // Statistics is optional in the API Reference (QueryExecution): a client must not take its absence for zero.
        if (plan.NoStatistics) execution.Remove("Statistics");
        return Ok(new JsonObject { ["QueryExecution"] = execution });
    }

    // States last a number of polls, as a real query's do a number of seconds.
    private void Advance(Query query)
    {
        if (query.State is "SUCCEEDED" or "FAILED" or "CANCELLED") return;
        query.Polls++;
        var plan = query.Plan;
        if (query.Polls <= plan.QueuedPolls) query.State = "QUEUED";
        else if (plan.UndocumentedState is { } odd) query.State = odd;
        else if (query.Polls <= plan.QueuedPolls + plan.RunningPolls || plan.RunsForever) query.State = "RUNNING";
        else if (RequeueOnce && !query.Requeued)
        {
            query.Requeued = true;
            query.Polls = 0;
            query.State = "QUEUED";
        }
        else if (plan.FailCategory is not null)
        {
            query.State = "FAILED";
            query.Reason = plan.FailReason;
        }
        else
        {
            query.State = "SUCCEEDED";
            WriteResult?.Invoke($"{ResultsBucket}/{query.Id}.csv", Csv(query.Plan));
        }
    }

    private static byte[] Csv(AthenaPlan plan)
    {
        static string Field(string? v) => v is null ? "" : $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        var lines = new[] { plan.Columns.Select(c => (string?)c.Name).ToArray() }.Concat(plan.Rows).Select(r => string.Join(",", r.Select(Field)));
        return System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
    }

    private CannedResponse Results(Query? query, JsonObject body)
    {
        if (query is null) return Error(400, "InvalidRequestException", "QueryExecution was not found");
        if (query.State != "SUCCEEDED") return Error(400, "InvalidRequestException", $"Query has not yet finished. Current state: {query.State}");
        var max = body["MaxResults"]?.GetValue<int>() ?? 1000;
        if (max is < 1 or > 1000) return Error(400, "InvalidRequestException", $"MaxResults {max} is outside 1-1000");
        var header = query.Plan.StatementType == "DML";
        // The token is opaque to the client: here the offset into the header-plus-rows sequence.
        var offset = body["NextToken"] is { } token ? int.Parse(token.GetValue<string>()[5..], CultureInfo.InvariantCulture) : 0;
        var all = (header ? new[] { query.Plan.Columns.Select(c => (string?)c.Name).ToArray() } : []).Concat(query.Plan.Rows).ToList();
        var rows = new JsonArray();
        foreach (var row in all.Skip(offset).Take(max))
            rows.Add(new JsonObject { ["Data"] = new JsonArray(row.Select(v => (JsonNode)(v is null ? new JsonObject() : new JsonObject { ["VarCharValue"] = v })).ToArray()) });
        var answer = new JsonObject
        {
            ["ResultSet"] = new JsonObject
            {
                ["Rows"] = rows,
                ["ResultSetMetadata"] = new JsonObject
                {
                    ["ColumnInfo"] = new JsonArray(query.Plan.Columns.Select(c => (JsonNode)new JsonObject
                    {
                        ["CatalogName"] = "hive", ["SchemaName"] = "", ["TableName"] = "", ["Name"] = c.Name, ["Label"] = c.Name, ["Type"] = c.Type,
                        ["Precision"] = 0, ["Scale"] = 0, ["Nullable"] = "UNKNOWN", ["CaseSensitive"] = c.Type == "varchar",
                    }).ToArray()),
                },
            },
        };
        if (RepeatNextToken) answer["NextToken"] = "page-1";
        else if (offset + max < all.Count) answer["NextToken"] = $"page-{offset + max}";
        return Ok(answer);
    }

    private static CannedResponse Stop(Query? query)
    {
        if (query is null) return Error(400, "InvalidRequestException", "QueryExecution was not found");
        if (query.State is "QUEUED" or "RUNNING")
        {
            query.State = "CANCELLED";
            query.Reason = "Query cancelled by user";
        }
        return Ok(new JsonObject());
    }

    private static CannedResponse Ok(JsonObject body) =>
        new(200, body.ToJsonString(), new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.1" });

    private static CannedResponse Error(int status, string code, string message, string? reason = null)
    {
        var body = new JsonObject { ["__type"] = code, ["Message"] = message };
        if (reason is not null) body["Reason"] = reason;
        if (code == "InvalidRequestException") body["AthenaErrorCode"] = "INVALID_INPUT";
        return new(status, body.ToJsonString(), new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.1" });
    }

    public void Dispose() => _server.Dispose();
}
