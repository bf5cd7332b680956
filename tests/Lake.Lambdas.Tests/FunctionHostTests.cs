using System.Text.Json;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.Lambdas.Tests;

public sealed class FunctionHostTests
{
    private static Task<byte[]> Echo(string handler, JsonLogger logger, Invocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(invocation.Payload);

    public static TheoryData<string> StartupFailures => ["missing-variable", "bad-number", "argument", "type-initializer", "key-not-found"];

    private static Exception Failure(string kind) => kind switch
    {
        "missing-variable" => new InvalidOperationException("Environment variable LAKE_STATE_TABLE is not set"),
        "bad-number" => new FormatException("LAKE_MIN_CRAWL_INTERVAL_SECONDS is not a number"),
        "argument" => new ArgumentException("AWS_REGION is not a region name"),
        "type-initializer" => new TypeInitializationException("SocarDataLake.Aws.AwsClients", new KeyNotFoundException("no endpoint for region")),
        _ => new KeyNotFoundException("no contract for dataset tripdata"),
    };

    [Theory]
    [MemberData(nameof(StartupFailures))]
    public async Task Any_exception_while_building_the_handler_is_the_init_error_and_no_event_is_taken(string kind)
    {
        var api = new MemoryRuntimeApi();
        api.Enqueue("never", "{}");
        var failure = Failure(kind);
        var log = new StringWriter();

        var exit = await FunctionHost.RunAsync<string>(api, _ => null, new JsonLogger(log), _ => throw failure, Echo, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Same(failure, Assert.Single(api.InitErrors));
        Assert.Empty(api.Responses);
        using var entry = JsonDocument.Parse(log.ToString());
        Assert.Equal("init_failed", entry.RootElement.GetProperty("message").GetString());
        Assert.Equal(failure.ToString(), entry.RootElement.GetProperty("exception").GetString());
    }

    /// <summary>The real HTTP client: the init error reaches /runtime/init/error with its inner exception as "cause".</summary>
    [Fact]
    public async Task The_init_error_document_on_the_wire_names_the_type_message_and_inner_cause()
    {
        using var api = new FakeRuntimeApi();
        using var client = new RuntimeApiClient(api.Address);
        var failure = new TypeInitializationException("SocarDataLake.Aws.AwsClients", new KeyNotFoundException("no endpoint for region"));

        await FunctionHost.RunAsync<string>(client, _ => null, new JsonLogger(new StringWriter()), _ => throw failure, Echo, TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Assert.Single(api.InitErrors));
        Assert.Equal("TypeInitializationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(failure.Message, body.RootElement.GetProperty("errorMessage").GetString());
        var cause = body.RootElement.GetProperty("cause");
        Assert.Equal("KeyNotFoundException", cause.GetProperty("errorType").GetString());
        Assert.Equal("no endpoint for region", cause.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Each_exception_of_an_aggregate_init_error_is_one_of_its_causes()
    {
        using var api = new FakeRuntimeApi();
        using var client = new RuntimeApiClient(api.Address);
        var failure = new AggregateException(new FormatException("LAKE_MIN_CRAWL_INTERVAL_SECONDS is not a number"), new InvalidOperationException("LAKE_STATE_TABLE is not set"));

        await FunctionHost.RunAsync<string>(client, _ => null, new JsonLogger(new StringWriter()), _ => throw failure, Echo, TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Assert.Single(api.InitErrors));
        Assert.Equal(
            ["FormatException", "InvalidOperationException"],
            body.RootElement.GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("errorType").GetString()));
    }
}
