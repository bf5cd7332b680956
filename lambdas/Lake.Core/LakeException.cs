namespace SocarDataLake.Core;

/// <summary>A problem the user can act on: bad input or a lake in the wrong state. The CLI exits 2.</summary>
public sealed class LakeException(string message) : Exception(message);
