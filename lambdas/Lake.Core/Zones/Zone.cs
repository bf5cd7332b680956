namespace SocarDataLake.Core.Zones;

/// <summary>The lake's storage zones: one S3 bucket each on AWS, one folder each in the local lake.</summary>
public enum Zone
{
    Raw,
    Processed,
    Quarantine,
    Artifacts,
}
