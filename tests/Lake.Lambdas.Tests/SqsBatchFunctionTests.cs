using System.Text;
using System.Text.Json;
using SocarDataLake.Core.Events;
using SocarDataLake.Core.Triggers;
using SocarDataLake.LambdaRuntime;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>The invocation glue-trigger and etl-trigger share: SQS batch in, one log line per outcome, batch item failures out.</summary>
public sealed class SqsBatchFunctionTests
{
    private sealed class RetryFirstMessage : ISqsBatchHandler
    {
        public List<SqsEvent> Seen { get; } = [];

        public Task<TriggerBatchResult> HandleAsync(SqsEvent batch, CancellationToken cancellationToken)
        {
            Seen.Add(batch);
            var first = batch.Records[0].MessageId;
            return Task.FromResult(new TriggerBatchResult(
                new SqsBatchResponse { BatchItemFailures = [new SqsBatchItemFailure(first)] },
                [new TriggerOutcome("tripdata", "retry-later", "throttled"), new TriggerOutcome("rides", "reconciled", "job started")]));
        }
    }

    private static Invocation Invocation(string requestId, string payload) => new(
        new InvocationContext(requestId, DateTimeOffset.UnixEpoch.AddYears(60), "arn:aws:lambda:ap-south-1:123456789012:function:test", null),
        Encoding.UTF8.GetBytes(payload));

    [Fact]
    public async Task The_batch_reaches_the_handler_each_outcome_is_logged_under_the_request_and_the_failures_are_the_response()
    {
        var handler = new RetryFirstMessage();
        var log = new StringWriter();
        const string batch = """{"Records":[{"messageId":"m1","body":"a","eventSource":"aws:sqs"},{"messageId":"m2","body":"b","eventSource":"aws:sqs"}]}""";

        var response = await SqsBatchFunction.HandleAsync(handler, new JsonLogger(log), Invocation("req-7", batch), TestContext.Current.CancellationToken);

        Assert.Equal(["m1", "m2"], Assert.Single(handler.Seen).Records.Select(r => r.MessageId));
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m1"}]}""", Encoding.UTF8.GetString(response));
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(
            [("req-7", "retry-later", "tripdata", "throttled"), ("req-7", "reconciled", "rides", "job started")],
            lines.Select(l => (l.GetProperty("requestId").GetString(), l.GetProperty("message").GetString(), l.GetProperty("subject").GetString(), l.GetProperty("detail").GetString())));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{"Records": [1, 2""")]
    public async Task A_payload_that_is_no_sqs_batch_fails_the_invocation_and_reaches_no_handler(string payload)
    {
        var handler = new RetryFirstMessage();

        await Assert.ThrowsAnyAsync<JsonException>(() => SqsBatchFunction.HandleAsync(handler, new JsonLogger(new StringWriter()), Invocation("req-8", payload), TestContext.Current.CancellationToken));

        Assert.Empty(handler.Seen);
    }
}
