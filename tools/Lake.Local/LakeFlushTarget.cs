using System.Globalization;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Triggers;

namespace SocarDataLake.Local;

/// <summary>
/// Flushes into the local lake as Firehose would into the raw bucket: objects at
/// <c>&lt;dataset&gt;/ingest_date=YYYY-MM-DD/stream-&lt;timestamp&gt;-&lt;seq&gt;.jsonl</c>, each raising the S3 event
/// the pipeline runs on.
/// </summary>
public sealed class LakeFlushTarget(LakeRoot root, string dataset, TextWriter console, TimeProvider clock, Action<string>? progress = null) : IFlushTarget
{
    private readonly LocalPipeline _pipeline = new(root, console, clock, progress);
    private int _sequence;

    /// <summary>The pipeline's runs so far: rows in, out and quarantined.</summary>
    public IReadOnlyList<RunSummary> Runs => _pipeline.Runs;

    public IList<string> LandedKeys { get; } = [];

    public async Task LandAsync(ReadOnlyMemory<byte> content, int records, CancellationToken cancellationToken)
    {
        var name = $"stream-{clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{++_sequence:D5}.jsonl";
        var landed = await _pipeline.LandAsync(dataset, name, content, cancellationToken);
        LandedKeys.Add(landed.Key);
    }

    public Task ProcessAsync(CancellationToken cancellationToken) => _pipeline.DrainAsync(cancellationToken);
}
