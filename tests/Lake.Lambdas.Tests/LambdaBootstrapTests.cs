using System.Text;
using System.Text.Json;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.Lambdas.Tests;

public sealed class LambdaBootstrapTests
{
    private static async Task<int> RunAsync(FakeRuntimeApi api, LambdaHandler handler, StringWriter? log = null)
    {
        using var client = new RuntimeApiClient(api.Address);
        var bootstrap = new LambdaBootstrap(client, handler, new JsonLogger(log ?? new StringWriter()), TimeProvider.System);
        return await bootstrap.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Each_event_gets_the_handlers_response_and_a_500_from_next_ends_the_process()
    {
        using var api = new FakeRuntimeApi();
        api.Enqueue("req-1", """{"n":1}""");
        api.Enqueue("req-2", """{"n":2}""");
        api.CloseWhenDrained();

        var exit = await RunAsync(api, (inv, _) => Task.FromResult(Encoding.UTF8.GetBytes($$"""{"echo":{{Encoding.UTF8.GetString(inv.Payload)}},"id":"{{inv.Context.RequestId}}"}""")));

        Assert.Equal(1, exit);
        Assert.Equal("""{"echo":{"n":1},"id":"req-1"}""", api.Responses["req-1"]);
        Assert.Equal("""{"echo":{"n":2},"id":"req-2"}""", api.Responses["req-2"]);
    }

    [Fact]
    public async Task A_handler_exception_is_reported_in_the_documented_shape_and_the_loop_goes_on()
    {
        using var api = new FakeRuntimeApi();
        api.Enqueue("bad", "{}");
        api.Enqueue("good", "{}");
        api.CloseWhenDrained();
        var log = new StringWriter();

        await RunAsync(api, (inv, _) => inv.Context.RequestId == "bad"
            ? throw new InvalidOperationException("dataset contract missing")
            : Task.FromResult("{}"u8.ToArray()), log);

        var (body, errorType) = api.Errors["bad"];
        using var error = JsonDocument.Parse(body);
        Assert.Equal("dataset contract missing", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Array, error.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.Equal("Unhandled.InvalidOperationException", errorType);
        Assert.True(api.Responses.ContainsKey("good"), "the event after a failed one must still be handled");
        Assert.Contains("\"requestId\":\"bad\"", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_running_past_the_deadline_is_cancelled_and_reported_as_a_timeout()
    {
        using var api = new FakeRuntimeApi();
        api.Enqueue("slow", "{}", timeout: TimeSpan.FromMilliseconds(300));
        api.CloseWhenDrained();

        await RunAsync(api, async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return [];
        });

        using var error = JsonDocument.Parse(api.Errors["slow"].Body);
        Assert.Equal("TimeoutException", error.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task The_trace_id_reaches_the_environment_for_the_handler()
    {
        using var api = new FakeRuntimeApi();
        api.Enqueue("traced", "{}");
        api.CloseWhenDrained();
        string? seen = null;

        await RunAsync(api, (_, _) =>
        {
            seen = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            return Task.FromResult("{}"u8.ToArray());
        });

        Assert.StartsWith("Root=1-5759e988", seen, StringComparison.Ordinal);
    }
}
