using System.Net;
using System.Net.Sockets;

namespace SocarDataLake.TestServers;

/// <summary>
/// An HTTP listener on a free 127.0.0.1 port that serves each request on its own task (so a client's
/// parallel requests overlap, as against a real endpoint) until it is disposed.
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _serve;
    private readonly Task _loop;

    public LoopbackListener(Func<HttpListenerContext, Task> serve)
    {
        _serve = serve;
        (_listener, HostAndPort) = Bind();
        _loop = Task.Run(LoopAsync);
    }

    // A port is found free, then bound by HttpListener; another process may take it in between (a full test run
    // failed once on "Address already in use"), so a few fresh ports are tried.
    private static (HttpListener Listener, string HostAndPort) Bind()
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var hostAndPort = $"127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://{hostAndPort}/");
            try
            {
                listener.Start();
                return (listener, hostAndPort);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
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
