using System.Net;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>
/// The Runtime API as the loop sees it, without HTTP: queued events in order, then the documented 500 that
/// means "exit"; every response, invocation error and init error recorded.
/// </summary>
internal sealed class MemoryRuntimeApi(TimeProvider? clock = null) : IRuntimeApi
{
    private readonly Queue<Invocation> _events = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public Dictionary<string, byte[]> Responses { get; } = [];
    public Dictionary<string, Exception> Errors { get; } = [];
    public List<Exception> InitErrors { get; } = [];

    public void Enqueue(string requestId, string payload, TimeSpan? timeout = null) => _events.Enqueue(new Invocation(
        new InvocationContext(
            requestId,
            _clock.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30)),
            "arn:aws:lambda:ap-south-1:123456789012:function:test",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"),
        System.Text.Encoding.UTF8.GetBytes(payload)));

    public Task<Invocation> NextAsync(CancellationToken cancellationToken) => _events.TryDequeue(out var next)
        ? Task.FromResult(next)
        : throw new RuntimeApiException(HttpStatusCode.InternalServerError, "Runtime API invocation/next answered 500 (no more events)");

    public Task RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        Responses[requestId] = body;
        return Task.CompletedTask;
    }

    public Task ReportInvocationErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken)
    {
        Errors[requestId] = exception;
        return Task.CompletedTask;
    }

    public Task ReportInitErrorAsync(Exception exception, CancellationToken cancellationToken)
    {
        InitErrors.Add(exception);
        return Task.CompletedTask;
    }
}
