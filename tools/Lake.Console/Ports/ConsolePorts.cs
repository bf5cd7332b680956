namespace SocarDataLake.LakeConsole.Ports;

/// <summary>Everything the console reads and runs, behind the two ports: the local lake's adapters or AWS's.</summary>
public sealed record ConsolePorts(ILakeView Lake, IQueryEngine Queries);
