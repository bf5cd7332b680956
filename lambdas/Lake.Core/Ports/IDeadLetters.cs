namespace SocarDataLake.Core.Ports;

/// <summary>An event that must never be retried, with why: the SQS DLQ on AWS, a dead-letter file locally.</summary>
public sealed record DeadLetter(string Source, string Body, string Reason);

public interface IDeadLetters
{
    Task SendAsync(DeadLetter letter, CancellationToken cancellationToken);
}
