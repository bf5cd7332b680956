using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.Lambdas.Tests;

public sealed class LambdaBootstrapTests
{
    private static async Task<int> RunAsync(IRuntimeApi api, LambdaHandler handler, StringWriter? log = null, TimeProvider? clock = null)
    {
        var bootstrap = new LambdaBootstrap(api, handler, new JsonLogger(log ?? new StringWriter()), clock ?? TimeProvider.System);
        return await bootstrap.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Each_event_gets_the_handlers_response_and_a_500_from_next_ends_the_process()
    {
        var api = new MemoryRuntimeApi();
        api.Enqueue("req-1", """{"n":1}""");
        api.Enqueue("req-2", """{"n":2}""");

        var exit = await RunAsync(api, (inv, _) => Task.FromResult(Encoding.UTF8.GetBytes($$"""{"echo":{{Encoding.UTF8.GetString(inv.Payload)}},"id":"{{inv.Context.RequestId}}"}""")));

        Assert.Equal(1, exit);
        Assert.Equal("""{"echo":{"n":1},"id":"req-1"}""", Encoding.UTF8.GetString(api.Responses["req-1"]));
        Assert.Equal("""{"echo":{"n":2},"id":"req-2"}""", Encoding.UTF8.GetString(api.Responses["req-2"]));
    }

    /// <summary>The real HTTP client against the loopback Runtime API: the error document and header on the wire.</summary>
    [Fact]
    public async Task A_handler_exception_is_reported_in_the_documented_shape_and_the_loop_goes_on()
    {
        using var api = new FakeRuntimeApi();
        api.Enqueue("bad", "{}");
        api.Enqueue("good", "{}");
        api.CloseWhenDrained();
        var log = new StringWriter();
        using var client = new RuntimeApiClient(api.Address);

        await RunAsync(client, (inv, _) => inv.Context.RequestId == "bad"
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
    public async Task A_failing_invocation_is_logged_with_its_whole_exception_type_message_stack_and_inner_exception()
    {
        var api = new MemoryRuntimeApi();
        api.Enqueue("bad", "{}");
        var log = new StringWriter();

        await RunAsync(api, (_, _) => Task.FromResult(Glue.Call()), log);

        var line = log.ToString().Split('\n').Single(l => l.Contains("\"requestId\":\"bad\"", StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(line);
        Assert.Equal("handler_failed", entry.RootElement.GetProperty("message").GetString());
        Assert.Equal("InvalidOperationException", entry.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("StartCrawler failed for tripdata", entry.RootElement.GetProperty("errorMessage").GetString());
        var whole = entry.RootElement.GetProperty("exception").GetString()!;
        Assert.Contains("System.IO.IOException: connection reset by peer", whole, StringComparison.Ordinal);
        Assert.Contains("LambdaBootstrapTests.Glue.Send()", whole, StringComparison.Ordinal);
        Assert.Contains("LambdaBootstrapTests.Glue.Call()", whole, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(api.Errors["bad"]);
    }

    [Fact]
    public async Task A_handler_running_past_the_deadline_is_cancelled_and_reported_as_a_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var api = new MemoryRuntimeApi(clock);
        // Lambda's longest timeout: the deadline is kept on the host's clock, so the test does not wait it out.
        api.Enqueue("slow", "{}", timeout: TimeSpan.FromMinutes(15));

        await RunAsync(api, async (_, ct) =>
        {
            clock.Advance(TimeSpan.FromMinutes(15));
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return [];
        }, clock: clock);

        Assert.IsType<TimeoutException>(api.Errors["slow"]);
    }

    [Fact]
    public async Task The_trace_id_reaches_the_environment_for_the_handler()
    {
        var api = new MemoryRuntimeApi();
        api.Enqueue("traced", "{}");
        string? seen = null;

        await RunAsync(api, (_, _) =>
        {
            seen = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            return Task.FromResult("{}"u8.ToArray());
        });

        Assert.StartsWith("Root=1-5759e988", seen, StringComparison.Ordinal);
    }

    /// <summary>A failure with a real stack and an inner exception, as a failing AWS call produces.</summary>
    private static class Glue
    {
        public static byte[] Call()
        {
            try
            {
                return Send();
            }
            catch (IOException e)
            {
                throw new InvalidOperationException("StartCrawler failed for tripdata", e);
            }
        }

        public static byte[] Send() => throw new IOException("connection reset by peer");
    }
}
