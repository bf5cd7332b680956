using SocarDataLake.Core.Quarantine;
using SocarDataLake.Core.Triggers;

namespace SocarDataLake.LakeConsole.Ports;

/// <summary>
/// What the datasets, runs and quarantine pages read of a lake: the local lake's folder, or on AWS the Glue catalog and
/// the lake's buckets. A dataset the lake does not know is the caller's mistake: a <see cref="Core.LakeException"/>
/// naming it (400).
/// </summary>
public interface ILakeView
{
    /// <summary>What the session says the console shows: the lake root's folder, or the AWS lake's database and region.</summary>
    string Name { get; }

    Task<IReadOnlyList<DatasetBody>> DatasetsAsync(CancellationToken cancellationToken);

    /// <summary>Runs of every dataset, or of the one named, oldest first.</summary>
    Task<IReadOnlyList<RunSummary>> RunsAsync(string? dataset, CancellationToken cancellationToken);

    /// <summary>Throws the <see cref="Core.LakeException"/> that names the dataset when the lake has no such dataset.</summary>
    Task CheckDatasetAsync(string dataset, CancellationToken cancellationToken);

    /// <summary>
    /// Quarantined rows grouped by reason (<see cref="QuarantineGrouping"/>), of every dataset or one, of every run or
    /// one; where only the first records are read, the read says so.
    /// </summary>
    Task<QuarantineRead> QuarantineAsync(string? dataset, string? run, CancellationToken cancellationToken);

    /// <summary>The quarantine records exactly as the ETL stored them, one JSON object a line, read as they are sent.</summary>
    IAsyncEnumerable<string> QuarantineLinesAsync(string? dataset, string? run, CancellationToken cancellationToken);

    /// <summary>
    /// Where the browser downloads the quarantine records itself, one address per stored object (presigned S3 on AWS,
    /// where a Lambda answers at most 6 MB), or null where the console sends them (<see cref="QuarantineLinesAsync"/>).
    /// </summary>
    Task<QuarantineFiles?> QuarantineFilesAsync(string? dataset, string? run, CancellationToken cancellationToken);
}

/// <summary>
/// The quarantine groups and how much of the quarantine they count: every record, or (<see cref="Truncated"/>) only the
/// first <see cref="RecordsReadCap"/>, a cap the page must show rather than pass the counts off as the whole.
/// </summary>
public sealed record QuarantineRead(IReadOnlyList<QuarantineGroup> Groups, long RecordsRead, int? RecordsReadCap, bool Truncated);

/// <summary>The stored objects a quarantine download is made of, in key order; past the cap the rest are counted in <see cref="Unlisted"/>.</summary>
public sealed record QuarantineFiles(IReadOnlyList<QuarantineFile> Files, int Unlisted);

/// <summary>One stored object: its name, where to fetch it (no token needed) and its size when known.</summary>
public sealed record QuarantineFile(string Name, string Location, long? Bytes);
