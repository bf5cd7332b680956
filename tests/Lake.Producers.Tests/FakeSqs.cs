using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocarDataLake.Producers.Tests;

/// <summary>
/// Just enough of SQS's JSON protocol (awsJson1_0, "AmazonSQS.&lt;Operation&gt;") on loopback for `lake redrive`,
/// following the API reference:
/// - ReceiveMessage hides each message for VisibilityTimeout (0 leaves it visible: "Amazon SQS visibility
///   timeout"), in best-effort order (a later receive may return other messages first); answers carry MD5OfBody
///   and MD5OfMessageAttributes, which the SDK verifies.
/// - ListDeadLetterSourceQueues names the queues whose RedrivePolicy points at a queue.
/// - StartMessageMoveTask works only on "queues that are configured as dead-letter queues of other Amazon SQS
///   queues", one active task per queue; the task runs asynchronously: each ListMessageMoveTasks call sees it
///   move part of the queue, RUNNING, until COMPLETED.
/// - SendMessageBatch answers Successful and Failed entries (a queue in <see cref="Refusing"/> fails them all).
/// - An unknown queue is QueueDoesNotExist.
/// - GetQueueAttributes answers the AttributeNames asked for (All: every one): ApproximateNumberOfMessages counts the
///   visible messages, ApproximateNumberOfMessagesNotVisible those in flight (received, visibility timeout not over).
/// - Throttling: RequestThrottled, HTTP 400 with x-amzn-query-error "RequestThrottled;Sender" ("Interpreting Amazon SQS
///   JSON API responses"; the API reference's common error RequestThrottled); <see cref="Throttle"/> queues refusals.
/// </summary>
internal sealed class FakeSqs : IDisposable
{
    internal sealed record StoredMessage(string Id, string Body, IReadOnlyDictionary<string, string> Attributes)
    {
        public DateTimeOffset VisibleAt { get; set; }
        public string? Receipt { get; set; }
    }

    internal sealed class FakeQueue(string name)
    {
        public string Name { get; } = name;
        public string? DeadLetterTarget { get; set; }
        public List<StoredMessage> Messages { get; } = [];
    }

    private sealed class MoveTask(string handle, FakeQueue source, FakeQueue destination)
    {
        public string Handle { get; } = handle;
        public FakeQueue Source { get; } = source;
        public FakeQueue Destination { get; } = destination;
        public int ToMove { get; } = source.Messages.Count;
        public int Moved { get; set; }
        public string Status { get; set; } = "RUNNING";
    }

    private const string Account = "111122223333";
    private readonly LoopbackServer _server;
    private readonly object _gate = new();
    private readonly List<MoveTask> _tasks = [];
    private int _next;

    public Dictionary<string, FakeQueue> Queues { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Refusing { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<(string Operation, JsonObject Body)> Calls { get; } = new();
    public string Url => _server.Url;

    private readonly Dictionary<string, int> _throttles = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> are refused with RequestThrottled.</summary>
    public void Throttle(string operation, int times)
    {
        lock (_gate) _throttles[operation] = _throttles.GetValueOrDefault(operation) + times;
    }

    public FakeSqs() => _server = new LoopbackServer(request => Task.FromResult(Handle(request)));

    public string QueueUrl(string name) => $"{Url}{Account}/{name}";

    public static string Arn(string name) => $"arn:aws:sqs:ap-south-1:{Account}:{name}";

    public FakeQueue Add(string name, string? deadLetterTarget = null)
    {
        var queue = new FakeQueue(name) { DeadLetterTarget = deadLetterTarget };
        Queues[name] = queue;
        return queue;
    }

    public void Put(string queue, string body, IReadOnlyDictionary<string, string>? attributes = null) =>
        Queues[queue].Messages.Add(new StoredMessage($"m-{Interlocked.Increment(ref _next)}", body, attributes ?? new Dictionary<string, string>()));

    private CannedResponse Handle(RecordedRequest request)
    {
        var operation = request.Headers.TryGetValue("X-Amz-Target", out var target) ? target.Split('.')[^1] : "";
        var body = JsonNode.Parse(request.Body.Length == 0 ? "{}" : request.Body)!.AsObject();
        Calls.Enqueue((operation, body));
        lock (_gate)
        {
            if (_throttles.GetValueOrDefault(operation) > 0)
            {
                _throttles[operation]--;
                return new CannedResponse(400, new JsonObject { ["__type"] = "com.amazonaws.sqs#RequestThrottled", ["message"] = "Rate exceeded" }.ToJsonString(),
                    new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.0", ["x-amzn-query-error"] = "RequestThrottled;Sender" });
            }
            try
            {
                return Ok(operation switch
                {
                    "GetQueueUrl" => new JsonObject { ["QueueUrl"] = QueueUrl(Find(body["QueueName"]!.GetValue<string>()).Name) },
                    "GetQueueAttributes" => GetAttributes(FromUrl(body), body),
                    "ListDeadLetterSourceQueues" => new JsonObject
                    {
                        ["queueUrls"] = new JsonArray(Queues.Values.Where(q => q.DeadLetterTarget == FromUrl(body).Name).Select(q => (JsonNode)QueueUrl(q.Name)).ToArray()),
                    },
                    "ReceiveMessage" => Receive(FromUrl(body), body),
                    "SendMessageBatch" => SendBatch(FromUrl(body), body),
                    "DeleteMessageBatch" => DeleteBatch(FromUrl(body), body),
                    "StartMessageMoveTask" => StartMove(body),
                    "ListMessageMoveTasks" => ListMoves(body),
                    "CancelMessageMoveTask" => Cancel(body),
                    _ => throw new SqsError("InvalidAction", $"{operation} is not modelled"),
                });
            }
            catch (SqsError e)
            {
                return new CannedResponse(400, new JsonObject { ["__type"] = $"com.amazonaws.sqs#{e.Code}", ["message"] = e.Message }.ToJsonString(),
                    new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.0" });
            }
        }
    }

    private sealed class SqsError(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }

    private static CannedResponse Ok(JsonObject body) =>
        new(200, body.ToJsonString(), new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.0" });

    private FakeQueue Find(string name) => Queues.TryGetValue(name, out var q) ? q : throw new SqsError("QueueDoesNotExist", "The specified queue does not exist.");

    private FakeQueue FromUrl(JsonObject body) => Find(body["QueueUrl"]!.GetValue<string>().TrimEnd('/').Split('/')[^1]);

    private FakeQueue FromArn(string arn) => Find(arn.Split(':')[^1]);

    private static JsonObject GetAttributes(FakeQueue queue, JsonObject body)
    {
        var now = DateTimeOffset.UtcNow;
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["QueueArn"] = Arn(queue.Name),
            ["ApproximateNumberOfMessages"] = queue.Messages.Count(m => m.VisibleAt <= now).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ApproximateNumberOfMessagesNotVisible"] = queue.Messages.Count(m => m.VisibleAt > now).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var asked = (body["AttributeNames"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToList();
        var attributes = new JsonObject();
        foreach (var (name, value) in all.Where(a => asked.Contains("All") || asked.Contains(a.Key))) attributes[name] = value;
        return new JsonObject { ["Attributes"] = attributes };
    }

    private JsonObject Receive(FakeQueue queue, JsonObject body)
    {
        var max = body["MaxNumberOfMessages"]?.GetValue<int>() ?? 1;
        var visibility = body["VisibilityTimeout"]?.GetValue<int>() ?? 30;
        var now = DateTimeOffset.UtcNow;
        var messages = new JsonArray();
        var taken = queue.Messages.Where(m => m.VisibleAt <= now).Take(max).ToList();
        // Standard queues give best-effort order and a short poll samples a subset of servers: the next receive
        // may return other messages. Modelled by sending what was returned to the back.
        foreach (var m in taken)
        {
            queue.Messages.Remove(m);
            queue.Messages.Add(m);
        }
        foreach (var m in taken)
        {
            m.VisibleAt = now.AddSeconds(visibility);
            m.Receipt = $"{m.Id}#{Interlocked.Increment(ref _next)}";
            var attributes = new JsonObject();
            foreach (var (name, value) in m.Attributes) attributes[name] = new JsonObject { ["DataType"] = "String", ["StringValue"] = value };
            var message = new JsonObject { ["MessageId"] = m.Id, ["ReceiptHandle"] = m.Receipt, ["Body"] = m.Body, ["MD5OfBody"] = Md5Hex(Encoding.UTF8.GetBytes(m.Body)) };
            if (m.Attributes.Count > 0)
            {
                message["MessageAttributes"] = attributes;
                message["MD5OfMessageAttributes"] = AttributesMd5(m.Attributes);
            }
            messages.Add(message);
        }
        return new JsonObject { ["Messages"] = messages };
    }

    private JsonObject SendBatch(FakeQueue queue, JsonObject body)
    {
        var ok = new JsonArray();
        var failed = new JsonArray();
        foreach (var entry in body["Entries"]!.AsArray())
        {
            var id = entry!["Id"]!.GetValue<string>();
            if (Refusing.Contains(queue.Name))
            {
                failed.Add(new JsonObject { ["Id"] = id, ["Code"] = "KMS.AccessDeniedException", ["SenderFault"] = true, ["Message"] = "refused by the test" });
                continue;
            }
            var text = entry["MessageBody"]!.GetValue<string>();
            var stored = new StoredMessage($"m-{Interlocked.Increment(ref _next)}", text, new Dictionary<string, string>());
            queue.Messages.Add(stored);
            ok.Add(new JsonObject { ["Id"] = id, ["MessageId"] = stored.Id, ["MD5OfMessageBody"] = Md5Hex(Encoding.UTF8.GetBytes(text)) });
        }
        return new JsonObject { ["Successful"] = ok, ["Failed"] = failed };
    }

    private static JsonObject DeleteBatch(FakeQueue queue, JsonObject body)
    {
        var ok = new JsonArray();
        foreach (var entry in body["Entries"]!.AsArray())
        {
            queue.Messages.RemoveAll(m => m.Receipt == entry!["ReceiptHandle"]!.GetValue<string>());
            ok.Add(new JsonObject { ["Id"] = entry!["Id"]!.GetValue<string>() });
        }
        return new JsonObject { ["Successful"] = ok, ["Failed"] = new JsonArray() };
    }

    private JsonObject StartMove(JsonObject body)
    {
        var source = FromArn(body["SourceArn"]!.GetValue<string>());
        if (!Queues.Values.Any(q => q.DeadLetterTarget == source.Name))
            throw new SqsError("UnsupportedOperation", "Source queue must be configured as a Dead Letter Queue.");
        if (_tasks.Any(t => t.Source == source && t.Status == "RUNNING"))
            throw new SqsError("UnsupportedOperation", "There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
        var destination = body["DestinationArn"] is { } arn ? FromArn(arn.GetValue<string>()) : throw new SqsError("InvalidParameterValue", "the fake needs DestinationArn");
        var task = new MoveTask($"task-{Interlocked.Increment(ref _next)}", source, destination);
        _tasks.Add(task);
        return new JsonObject { ["TaskHandle"] = task.Handle };
    }

    private JsonObject ListMoves(JsonObject body)
    {
        var source = FromArn(body["SourceArn"]!.GetValue<string>());
        var results = new JsonArray();
        foreach (var task in _tasks.Where(t => t.Source == source).Reverse())
        {
            if (task.Status == "RUNNING")
            {
                // Asynchronous: each look finds up to two more messages moved.
                foreach (var m in task.Source.Messages.Take(2).ToList())
                {
                    task.Source.Messages.Remove(m);
                    task.Destination.Messages.Add(m with { });
                    task.Moved++;
                }
                if (task.Source.Messages.Count == 0) task.Status = "COMPLETED";
            }
            results.Add(new JsonObject
            {
                ["TaskHandle"] = task.Handle,
                ["Status"] = task.Status,
                ["SourceArn"] = Arn(task.Source.Name),
                ["DestinationArn"] = Arn(task.Destination.Name),
                ["ApproximateNumberOfMessagesMoved"] = task.Moved,
                ["ApproximateNumberOfMessagesToMove"] = task.ToMove,
            });
        }
        return new JsonObject { ["Results"] = results };
    }

    private JsonObject Cancel(JsonObject body)
    {
        var task = _tasks.Single(t => t.Handle == body["TaskHandle"]!.GetValue<string>());
        task.Status = "CANCELLED";
        return new JsonObject { ["ApproximateNumberOfMessagesMoved"] = task.Moved };
    }

    // SQS's own integrity digests are MD5: the fake must compute what the SDK checks, not choose an algorithm.
#pragma warning disable CA5351
    private static string Md5Hex(byte[] bytes) => Convert.ToHexString(MD5.HashData(bytes)).ToLowerInvariant();
#pragma warning restore CA5351

    // The MD5 of message attributes as SQS computes it: for each attribute, sorted by name, the UTF-8 name, data type
    // and value, each prefixed by its 4-byte big-endian length, with a transport byte 1 (string) before the value.
    private static string AttributesMd5(IReadOnlyDictionary<string, string> attributes)
    {
        using var buffer = new MemoryStream();
        void Write(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var length = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            buffer.Write(length);
            buffer.Write(bytes);
        }
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Write(name);
            Write("String");
            buffer.WriteByte(1);
            Write(value);
        }
        return Md5Hex(buffer.ToArray());
    }

    public void Dispose() => _server.Dispose();
}
