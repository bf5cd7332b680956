using System.Text.Json.Nodes;

namespace SocarDataLake.Producers.Tests;

/// <summary>`lake redrive --aws` against a fake SQS that follows the API reference (FakeSqs): run as a user runs it.</summary>
public sealed class RedriveCliTests
{
    private static Dictionary<string, string> Env(FakeSqs sqs) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIDTEST",
        ["AWS_SECRET_ACCESS_KEY"] = "secret",
        ["AWS_REGION"] = "ap-south-1",
        ["AWS_ENDPOINT_URL_SQS"] = sqs.Url,
    };

    private static FakeSqs LakeQueues()
    {
        var sqs = new FakeSqs();
        sqs.Add("socar-lake-dev-ingest-dlq");
        sqs.Add("socar-lake-dev-ingest", deadLetterTarget: "socar-lake-dev-ingest-dlq");
        sqs.Add("socar-lake-dev-events-dlq");
        sqs.Add("socar-lake-dev-reconcile-dlq");
        sqs.Add("socar-lake-dev-reconcile", deadLetterTarget: "socar-lake-dev-reconcile-dlq");
        return sqs;
    }

    [Fact]
    public async Task The_ingest_dlq_goes_back_to_the_ingest_queue_after_saying_why_each_message_was_there()
    {
        using var lake = new ScratchLake();
        using var sqs = LakeQueues();
        var unknown = new Dictionary<string, string> { ["reason"] = "raw object 'scooters/ingest_date=2026-12-01/a.csv': no contract for dataset 'scooters'", ["source"] = "glue-trigger" };
        sqs.Put("socar-lake-dev-ingest-dlq", "{\"Records\":[1]}", unknown);
        sqs.Put("socar-lake-dev-ingest-dlq", "{\"Records\":[2]}", unknown);
        sqs.Put("socar-lake-dev-ingest-dlq", "{\"Records\":[3]}");

        var run = await Cli.RunAsync(lake.Folder, Env(sqs), "redrive", "--aws", "socar-lake-dev-ingest-dlq");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("dead-letter queue of socar-lake-dev-ingest", run.Output, StringComparison.Ordinal);
        Assert.Contains("     2  raw object 'scooters/ingest_date=2026-12-01/a.csv': no contract for dataset 'scooters'", run.Output, StringComparison.Ordinal);
        Assert.Contains("     1  failed maxReceiveCount receives", run.Output, StringComparison.Ordinal);
        Assert.Contains("COMPLETED: 3 message(s) moved from socar-lake-dev-ingest-dlq to socar-lake-dev-ingest.", run.Output, StringComparison.Ordinal);
        Assert.Empty(sqs.Queues["socar-lake-dev-ingest-dlq"].Messages);
        Assert.Equal(["{\"Records\":[1]}", "{\"Records\":[2]}", "{\"Records\":[3]}"], sqs.Queues["socar-lake-dev-ingest"].Messages.Select(m => m.Body).Order(StringComparer.Ordinal));
        var start = Assert.Single(sqs.Calls, c => c.Operation == "StartMessageMoveTask").Body;
        Assert.Equal(FakeSqs.Arn("socar-lake-dev-ingest"), start["DestinationArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_events_dlq_is_copied_to_the_reconcile_queue_because_sqs_cannot_move_a_dlq_of_eventbridge()
    {
        using var lake = new ScratchLake();
        using var sqs = LakeQueues();
        var failed = new Dictionary<string, string> { ["ERROR_CODE"] = "SQS.KMSAccessDeniedException", ["ERROR_MESSAGE"] = "access denied", ["RULE_ARN"] = "arn:aws:events:ap-south-1:111122223333:rule/socar-lake-dev-sweep" };
        for (var i = 0; i < 12; i++) sqs.Put("socar-lake-dev-events-dlq", $"{{\"detail-type\":\"Scheduled Event\",\"n\":{i}}}", failed);

        var run = await Cli.RunAsync(lake.Folder, Env(sqs), "redrive", "--aws", sqs.QueueUrl("socar-lake-dev-events-dlq"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("    12  EventBridge could not deliver it: SQS.KMSAccessDeniedException (access denied)", run.Output, StringComparison.Ordinal);
        Assert.Contains("COMPLETED: 12 message(s) moved from socar-lake-dev-events-dlq to socar-lake-dev-reconcile.", run.Output, StringComparison.Ordinal);
        Assert.Empty(sqs.Queues["socar-lake-dev-events-dlq"].Messages);
        Assert.Equal(12, sqs.Queues["socar-lake-dev-reconcile"].Messages.Select(m => m.Body).Distinct().Count());
        Assert.DoesNotContain(sqs.Calls, c => c.Operation == "StartMessageMoveTask");
    }

    [Fact]
    public async Task A_destination_that_refuses_keeps_every_message_in_the_dlq()
    {
        using var lake = new ScratchLake();
        using var sqs = LakeQueues();
        sqs.Refusing.Add("socar-lake-dev-reconcile");
        sqs.Put("socar-lake-dev-events-dlq", "{\"detail-type\":\"Scheduled Event\"}");
        sqs.Put("socar-lake-dev-events-dlq", "{\"detail-type\":\"Glue Job State Change\"}");

        var run = await Cli.RunAsync(lake.Folder, Env(sqs), "redrive", "--aws", "socar-lake-dev-events-dlq");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the destination refused 2 message(s): KMS.AccessDeniedException", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, sqs.Queues["socar-lake-dev-events-dlq"].Messages.Count);
        Assert.Empty(sqs.Queues["socar-lake-dev-reconcile"].Messages);
    }

    [Fact]
    public async Task Dry_run_says_why_and_moves_nothing()
    {
        using var lake = new ScratchLake();
        using var sqs = LakeQueues();
        sqs.Put("socar-lake-dev-reconcile-dlq", "{}");

        var run = await Cli.RunAsync(lake.Folder, Env(sqs), "redrive", "--aws", "socar-lake-dev-reconcile-dlq", "--dry-run");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("--dry-run: nothing moved; without it they go to socar-lake-dev-reconcile.", run.Output, StringComparison.Ordinal);
        Assert.Single(sqs.Queues["socar-lake-dev-reconcile-dlq"].Messages);
        Assert.DoesNotContain(sqs.Calls, c => c.Operation is "StartMessageMoveTask" or "SendMessageBatch" or "DeleteMessageBatch");
    }

    [Theory]
    [InlineData("no-such-dlq", "no-such-dlq: no such queue")]
    [InlineData("socar-lake-dev-ingest", "No queue dead-letters into socar-lake-dev-ingest: pass --to <queue>")]
    public async Task Queues_that_cannot_be_redriven_exit_2_saying_why(string queue, string expected)
    {
        using var lake = new ScratchLake();
        using var sqs = LakeQueues();
        sqs.Put("socar-lake-dev-ingest", "{}");

        var run = await Cli.RunAsync(lake.Folder, Env(sqs), "redrive", "--aws", queue);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(sqs.Queues["socar-lake-dev-ingest"].Messages);
    }

    [Fact]
    public async Task Without_aws_it_says_what_the_local_lake_does_instead()
    {
        using var lake = new ScratchLake();

        var run = await Cli.RunAsync(lake.Folder, null, "redrive", "some-dlq");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("add --aws", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_dlq_is_nothing_to_do()
    {
        using var lake = new ScratchLake();
        using var sqs = LakeQueues();

        var run = await Cli.RunAsync(lake.Folder, Env(sqs), "redrive", "--aws", "socar-lake-dev-ingest-dlq");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Nothing to redrive: the queue is empty.", run.Output, StringComparison.Ordinal);
    }
}
