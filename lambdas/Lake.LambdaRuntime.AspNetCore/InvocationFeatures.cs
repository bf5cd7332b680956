using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SocarDataLake.LambdaRuntime.AspNetCore;

/// <summary>
/// The response of one invocation, held in memory up to a cap (<see cref="ResponseBuffer"/>): Lambda returns it whole,
/// so it "starts" only when the application is done. The OnStarting callbacks then run (last registered first, as
/// Kestrel runs them), then the body is read.
/// </summary>
internal sealed class InvocationResponse(int maxBodyBytes) : IHttpResponseFeature, IHttpResponseBodyFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _completed = [];
    private readonly ResponseBuffer _body = new(maxBodyBytes);
    private Stream? _stream;

    public int StatusCode { get; set; } = StatusCodes.Status200OK;
    public string? ReasonPhrase { get; set; }
    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
    public bool HasStarted { get; private set; }

    Stream IHttpResponseFeature.Body { get => Stream; set => throw new NotSupportedException("the Lambda host buffers the response body"); }
    public Stream Stream => _stream ??= _body.AsStream(leaveOpen: true);
    public PipeWriter Writer => _body;

    /// <summary>The body passed the cap: what was written is incomplete and must not be sent.</summary>
    public bool Overflowed => _body.Overflowed;

    public void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));
    public void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(Stream, path, offset, count, cancellationToken);

    public Task CompleteAsync() => Task.CompletedTask;

    /// <summary>Runs the OnStarting callbacks; the body is then <see cref="Body"/>, unless <see cref="Overflowed"/>.</summary>
    public async Task FinishAsync()
    {
        for (var i = _starting.Count - 1; i >= 0; i--) await _starting[i].Callback(_starting[i].State);
        HasStarted = true;
    }

    public ReadOnlySpan<byte> Body => _body.Written;

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
