using SocarDataLake.Core.Ports;

namespace SocarDataLake.Lambdas.Tests;

internal sealed class RecordingCrawler(Func<string, CrawlStart>? answer = null) : ICrawler
{
    public List<string> Started { get; } = [];

    public Task<CrawlStart> StartCrawlAsync(string dataset, CancellationToken cancellationToken)
    {
        Started.Add(dataset);
        return Task.FromResult(answer?.Invoke(dataset) ?? CrawlStart.Started);
    }
}

internal sealed class RecordingDeadLetters : IDeadLetters
{
    public List<DeadLetter> Letters { get; } = [];

    public Task SendAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        Letters.Add(letter);
        return Task.CompletedTask;
    }
}

internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>An SQS message whose body is an S3 notification for one (URL-encoded) key.</summary>
    public static SocarDataLake.Core.Events.SqsMessage S3Message(string id, string encodedKey) => new()
    {
        MessageId = id,
        Body = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"raw\"},\"object\":{\"key\":\"" + encodedKey + "\",\"size\":1}}}]}",
    };
}
