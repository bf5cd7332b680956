namespace SocarDataLake.Cli;

/// <summary>What the SQS verbs read from a queue's URL and attributes, said once for the views and for redrive.</summary>
internal static class SqsQueueText
{
    /// <summary>A queue's name: the last segment of its URL (https://sqs.&lt;region&gt;.amazonaws.com/&lt;account&gt;/&lt;name&gt;).</summary>
    public static string Name(string url) => url.TrimEnd('/').Split('/')[^1];

    /// <summary>A count attribute such as ApproximateNumberOfMessages (SQS sends every attribute as text); 0 when absent.</summary>
    public static long Count(IReadOnlyDictionary<string, string>? attributes, string name) =>
        attributes is not null && attributes.TryGetValue(name, out var text) && long.TryParse(text, out var n) ? n : 0;
}
