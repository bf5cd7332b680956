using SocarDataLake.TestServers;

namespace SocarDataLake.Core.Tests;

/// <summary>Finds files of the repository from a test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string Datasets => Path.Combine(Root, "datasets");
}
