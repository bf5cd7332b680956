namespace SocarDataLake.Core.Zones;

/// <summary>One object in a zone, addressed by its S3-style key.</summary>
public sealed record ObjectRef(Zone Zone, string Key);
