using System.Net;
using System.Net.Sockets;

namespace SocarDataLake.TestServers;

/// <summary>
/// An HTTP listener on a free 127.0.0.1 port that serves each request on its own task (so a client's
/// parallel requests overlap, as against a real endpoint) until it is disposed.
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _serve;
    private readonly Task _loop;

    public LoopbackListener(Func<HttpListenerContext, Task> serve)
    {
        _serve = serve;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        HostAndPort = $"127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string HostAndPort { get; }
    public string Url => $"http://{HostAndPort}/";

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => _serve(context));
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
