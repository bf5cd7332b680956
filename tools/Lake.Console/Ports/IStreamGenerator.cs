namespace SocarDataLake.LakeConsole.Ports;

/// <summary>
/// The stream generator page's engine: `stream rides` at a rate, at most one at a time. Only the local host has one; on
/// AWS events go to Kinesis (`lake stream rides --aws`), so its ports leave this out and the page says so.
/// </summary>
public interface IStreamGenerator
{
    /// <summary>The slowest rate it paces, in events per second; the API refuses a slower one, naming this.</summary>
    double MinRate { get; }

    /// <summary>Starts the stream, or throws <see cref="ApiException"/> (409) when one already runs.</summary>
    RideStreamState Start(double rate, long? maxEvents);

    RideStreamState State();

    /// <summary>Ends when the stream has ended, or <paramref name="wait"/> has passed.</summary>
    Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Stops the stream, if one runs, and returns once what it sent is delivered and processed.</summary>
    Task<RideStreamState> StopAsync();
}
