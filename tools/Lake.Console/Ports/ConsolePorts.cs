namespace SocarDataLake.LakeConsole.Ports;

/// <summary>
/// Everything the console reads and runs, behind its ports: the local lake's adapters or AWS's. The stream generator is
/// the local host's only (null on AWS).
/// </summary>
public sealed record ConsolePorts(ILakeView Lake, IQueryEngine Queries, IStreamGenerator? Streams = null);
