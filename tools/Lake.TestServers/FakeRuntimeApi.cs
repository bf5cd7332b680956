using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SocarDataLake.TestServers;

/// <summary>
/// The Lambda Runtime API as a test double: queued events are handed out by /next with the documented
/// headers; responses and errors are recorded; when the queue is drained /next answers 500, which a
/// runtime must treat as "exit now".
/// </summary>
public sealed class FakeRuntimeApi : IDisposable
{
    private readonly Channel<(string Id, string Payload, DateTimeOffset Deadline)> _events = Channel.CreateUnbounded<(string, string, DateTimeOffset)>();
    private readonly LoopbackServer _server;
    private int _pending;

    public ConcurrentDictionary<string, string> Responses { get; } = new();
    public ConcurrentDictionary<string, (string Body, string? ErrorType)> Errors { get; } = new();
    public ConcurrentBag<string> InitErrors { get; } = [];

    /// <summary>Stopwatch timestamps per request id: when /next handed the event out, and when it was answered.</summary>
    public ConcurrentDictionary<string, (long HandedOut, long Answered)> Timings { get; } = new();
    public string Address => _server.HostAndPort;

    public FakeRuntimeApi() => _server = new LoopbackServer(RespondAsync);

    public void Enqueue(string requestId, string payload, TimeSpan? timeout = null)
    {
        Interlocked.Increment(ref _pending);
        _events.Writer.TryWrite((requestId, payload, DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30))));
    }

    /// <summary>Ends /next with 500 once every queued event was answered.</summary>
    public void CloseWhenDrained() => _events.Writer.TryComplete();

    public async Task WaitForAnswersAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _pending) > 0 && DateTime.UtcNow < until) await Task.Delay(20);
    }

    private async Task<CannedResponse> RespondAsync(RecordedRequest request)
    {
        const string prefix = "/2018-06-01/runtime/";
        if (!request.Path.StartsWith(prefix, StringComparison.Ordinal)) return new CannedResponse(404);
        var path = request.Path[prefix.Length..];
        if (path == "invocation/next")
        {
            try
            {
                var (id, payload, deadline) = await _events.Reader.ReadAsync();
                Timings[id] = (System.Diagnostics.Stopwatch.GetTimestamp(), 0);
                return new CannedResponse(200, payload, new Dictionary<string, string>
                {
                    ["Lambda-Runtime-Aws-Request-Id"] = id,
                    ["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:ap-south-1:123456789012:function:test",
                    ["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                });
            }
            catch (ChannelClosedException)
            {
                return new CannedResponse(500, """{"errorMessage":"environment shutting down","errorType":"Runtime.ExitError"}""");
            }
        }
        if (path == "init/error")
        {
            InitErrors.Add(request.Body);
            return new CannedResponse(202, "{}");
        }
        var parts = path.Split('/');
        if (parts.Length == 3 && parts[0] == "invocation")
        {
            var id = Uri.UnescapeDataString(parts[1]);
            if (Timings.TryGetValue(id, out var timing)) Timings[id] = (timing.HandedOut, System.Diagnostics.Stopwatch.GetTimestamp());
            if (parts[2] == "response") Responses[id] = request.Body;
            else if (parts[2] == "error") Errors[id] = (request.Body, request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var t) ? t : null);
            else return new CannedResponse(404);
            Interlocked.Decrement(ref _pending);
            return new CannedResponse(202, """{"status":"OK"}""");
        }
        return new CannedResponse(404);
    }

    public void Dispose() => _server.Dispose();
}
