namespace SocarDataLake.Core.Ports;

/// <summary>One message to the team about the lake: an SNS publish on AWS, console + notifications.jsonl locally.</summary>
public sealed record Notification(string Subject, string Body, string Severity);

public interface INotifier
{
    Task NotifyAsync(Notification notification, CancellationToken cancellationToken);
}
