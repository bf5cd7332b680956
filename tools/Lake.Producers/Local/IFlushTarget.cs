namespace SocarDataLake.Producers.Local;

/// <summary>Where the local stream's buffer flushes: land objects, then let the pipeline process what landed.</summary>
public interface IFlushTarget
{
    /// <summary>Writes one newline-delimited JSON object holding <paramref name="records"/> records.</summary>
    Task LandAsync(ReadOnlyMemory<byte> content, int records, CancellationToken cancellationToken);

    /// <summary>Processes everything landed so far (crawl, ETL, notify in the local lake).</summary>
    Task ProcessAsync(CancellationToken cancellationToken);
}
