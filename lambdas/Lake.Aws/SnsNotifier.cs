using System.Text;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Aws;

/// <summary>INotifier on SNS: one Publish per notification, severity as a message attribute for filtering.</summary>
public sealed class SnsNotifier(AwsQueryClient sns, string topicArn) : INotifier
{
    // SNS limits: a subject is at most 100 printable ASCII characters without line breaks; a message 256 KB.
    private const int MaxSubject = 100;
    private const int MaxMessageBytes = 256 * 1024;

    public async Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TopicArn"] = topicArn,
            ["Subject"] = Subject(notification.Subject),
            ["Message"] = Message(notification.Body),
            ["MessageAttributes.entry.1.Name"] = "severity",
            ["MessageAttributes.entry.1.Value.DataType"] = "String",
            ["MessageAttributes.entry.1.Value.StringValue"] = notification.Severity,
        };
        await sns.CallAsync("Publish", parameters, cancellationToken);
    }

    public static string Subject(string subject)
    {
        var ascii = new StringBuilder(subject.Length);
        foreach (var ch in subject) ascii.Append(ch is >= ' ' and <= '~' ? ch : ' ');
        var text = ascii.ToString().Trim();
        return text.Length <= MaxSubject ? text : text[..(MaxSubject - 3)] + "...";
    }

    private static string Message(string body)
    {
        if (Encoding.UTF8.GetByteCount(body) <= MaxMessageBytes) return body;
        var cut = body[..Math.Min(body.Length, MaxMessageBytes / 4)];
        return cut + "\n(truncated: the full details are in the run summary)";
    }
}
