using System.Diagnostics;
using SocarDataLake.TestServers;

namespace SocarDataLake.Lambdas.Bench;

/// <summary>One bootstrap binary, its normal event and the environment it needs, run against local servers.</summary>
internal sealed record FunctionUnderTest(string Name, string Bootstrap, string Event, IReadOnlyDictionary<string, string> Environment)
{
    public Process Start(FakeRuntimeApi runtime, LoopbackServer aws)
    {
        var process = BootstrapProcess.Start(Bootstrap, runtime, aws, new Dictionary<string, string>(Environment) { ["LAKE_LOG_LEVEL"] = "error" });
        // Drain the pipes so a chatty process never blocks on a full buffer.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>Answers every AWS call the functions make with a success, as the services document them.</summary>
    public static LoopbackServer FakeAws() => new(request => Task.FromResult(
        request.Headers.TryGetValue("X-Amz-Target", out var target) ? target switch
        {
            "AWSGlue.StartJobRun" => new CannedResponse(200, """{"JobRunId":"jr_bench"}"""),
            _ => new CannedResponse(200, "{}"),
        }
        : request.Method == "GET"
            ? new CannedResponse(404, "<Error><Code>NoSuchKey</Code><Message>no summary</Message></Error>")
            : new CannedResponse(200, "<PublishResponse><PublishResult><MessageId>m</MessageId></PublishResult></PublishResponse>")));
}
