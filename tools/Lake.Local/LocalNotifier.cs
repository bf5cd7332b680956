using System.Text.Json;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Local;

/// <summary>Notifications of the local lake: printed, and appended to notifications.jsonl in the lake root.</summary>
public sealed class LocalNotifier(LakeRoot root, TextWriter console, TimeProvider clock) : INotifier
{
    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        console.WriteLine(notification.Subject);
        var line = JsonSerializer.Serialize(new { at = clock.GetUtcNow(), severity = notification.Severity, subject = notification.Subject, body = notification.Body });
        lock (typeof(LocalNotifier)) File.AppendAllText(root.Notifications, line + "\n");
        return Task.CompletedTask;
    }
}

/// <summary>Dead letters of the local lake: dead-letters.jsonl in the lake root, one event and reason a line.</summary>
public sealed class LocalDeadLetters(LakeRoot root, TextWriter console, TimeProvider clock) : IDeadLetters
{
    public Task SendAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        console.WriteLine($"dead letter ({letter.Source}): {letter.Reason}");
        var line = JsonSerializer.Serialize(new { at = clock.GetUtcNow(), source = letter.Source, reason = letter.Reason, body = letter.Body });
        lock (typeof(LocalDeadLetters)) File.AppendAllText(root.DeadLetters, line + "\n");
        return Task.CompletedTask;
    }
}
