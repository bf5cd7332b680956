using SocarDataLake.Core.Ports;

namespace SocarDataLake.Aws;

/// <summary>IDeadLetters on SQS (JSON protocol): the original message body, with the reason as a message attribute.</summary>
public sealed class SqsDeadLetters(AwsJsonClient sqs, string queueUrl) : IDeadLetters
{
    public async Task SendAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        var body = AwsJsonClient.Json(w =>
        {
            w.WriteString("QueueUrl", queueUrl);
            w.WriteString("MessageBody", letter.Body);
            w.WriteStartObject("MessageAttributes");
            WriteAttribute(w, "reason", Truncate(letter.Reason, 1024));
            WriteAttribute(w, "source", letter.Source);
            w.WriteEndObject();
        });
        using var _ = await sqs.CallAsync("SendMessage", body, cancellationToken);
    }

    private static void WriteAttribute(System.Text.Json.Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject(name);
        w.WriteString("DataType", "String");
        w.WriteString("StringValue", value);
        w.WriteEndObject();
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
