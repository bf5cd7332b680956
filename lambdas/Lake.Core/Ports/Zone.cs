namespace SocarDataLake.Core.Ports;

/// <summary>The lake's storage zones: one S3 bucket each on AWS, one folder each in the local lake.</summary>
public enum Zone
{
    Raw,
    Processed,
    Quarantine,
    Artifacts,
}

/// <summary>One object in a zone, addressed by its S3-style key.</summary>
public sealed record ObjectRef(Zone Zone, string Key);

public sealed record ObjectInfo(ObjectRef Ref, long Size, DateTimeOffset LastModified, string? ETag);
