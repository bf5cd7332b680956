using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SocarDataLake.LambdaRuntime.AspNetCore;

/// <summary>
/// The response of one invocation, held in memory: Lambda returns it whole, so it "starts" only when the application
/// is done. The OnStarting callbacks then run (last registered first, as Kestrel runs them), then the body is read.
/// </summary>
internal sealed class InvocationResponse : IHttpResponseFeature, IHttpResponseBodyFeature, IDisposable
{
    private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _completed = [];
    private readonly MemoryStream _body = new();
    private PipeWriter? _writer;

    public int StatusCode { get; set; } = StatusCodes.Status200OK;
    public string? ReasonPhrase { get; set; }
    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
    public bool HasStarted { get; private set; }

    Stream IHttpResponseFeature.Body { get => _body; set => throw new NotSupportedException("the Lambda host buffers the response body"); }
    public Stream Stream => _body;
    public PipeWriter Writer => _writer ??= PipeWriter.Create(_body, new StreamPipeWriterOptions(leaveOpen: true));

    public void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));
    public void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_body, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        if (_writer is not null) await _writer.FlushAsync();
    }

    /// <summary>Runs the OnStarting callbacks and returns the body written.</summary>
    public async Task<byte[]> FinishAsync()
    {
        for (var i = _starting.Count - 1; i >= 0; i--) await _starting[i].Callback(_starting[i].State);
        HasStarted = true;
        await CompleteAsync();
        return _body.ToArray();
    }

    public void Dispose() => _body.Dispose();

    public async Task RunCompletedAsync()
    {
        for (var i = _completed.Count - 1; i >= 0; i--) await _completed[i].Callback(_completed[i].State);
    }
}

/// <summary>Who called, as API Gateway saw it (requestContext.http.sourceIp).</summary>
internal sealed class InvocationConnection(IPAddress? remote, string id) : IHttpConnectionFeature
{
    public string ConnectionId { get; set; } = id;
    public IPAddress? RemoteIpAddress { get; set; } = remote;
    public IPAddress? LocalIpAddress { get; set; }
    public int RemotePort { get; set; }
    public int LocalPort { get; set; }
}
