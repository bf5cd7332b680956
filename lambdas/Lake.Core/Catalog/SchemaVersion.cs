namespace SocarDataLake.Core.Catalog;

public sealed record SchemaColumn(string Name, string Type);

/// <summary>One version of a dataset's raw schema as the crawler saw it, and how it drifted from the one before.</summary>
public sealed record SchemaVersion(int Version, IReadOnlyList<SchemaColumn> Columns, string FirstSeenIn, DateTimeOffset RecordedAt, IReadOnlyList<string> Drift);
