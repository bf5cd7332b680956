namespace SocarDataLake.Core.Ports;

/// <summary>
/// Where a Firehose-like buffer delivers: objects landed in the raw zone, then processed. The producers'
/// local stream writes to it; the local lake implements it, so the producers need no local engine.
/// </summary>
public interface IFlushTarget
{
    /// <summary>Writes one newline-delimited JSON object holding <paramref name="records"/> records.</summary>
    Task LandAsync(ReadOnlyMemory<byte> content, int records, CancellationToken cancellationToken);

    /// <summary>Processes everything landed so far (crawl, ETL, notify in the local lake).</summary>
    Task ProcessAsync(CancellationToken cancellationToken);
}
