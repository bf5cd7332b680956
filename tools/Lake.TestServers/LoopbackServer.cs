using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace SocarDataLake.TestServers;

public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <param name="DropConnection">Close the connection instead of answering, as a network that loses the answer does.</param>
public sealed record CannedResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, bool DropConnection = false);

/// <summary>An HTTP server on 127.0.0.1 that records requests and answers through a callback.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly Func<RecordedRequest, Task<CannedResponse>> _respond;
    private readonly LoopbackListener _listener;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public string HostAndPort => _listener.HostAndPort;
    public string Url => _listener.Url;

    public LoopbackServer(Func<RecordedRequest, Task<CannedResponse>> respond)
    {
        _respond = respond;
        _listener = new LoopbackListener(ServeAsync);
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, await reader.ReadToEndAsync());
        Requests.Enqueue(request);
        var answer = await _respond(request);
        try
        {
            context.Response.StatusCode = answer.Status;
            foreach (var (key, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[key] = value;
            var bytes = Encoding.UTF8.GetBytes(answer.Body + (answer.DropConnection ? "  " : ""));
            context.Response.ContentLength64 = bytes.Length;
            if (answer.DropConnection)
            {
                // Half the answer, then a reset: the client cannot read it, and cannot tell whether the call took effect.
                await context.Response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await context.Response.OutputStream.FlushAsync();
                context.Response.Abort();
                return;
            }
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The client went away (a test ended): nothing to answer.
        }
    }

    public void Dispose() => _listener.Dispose();
}
