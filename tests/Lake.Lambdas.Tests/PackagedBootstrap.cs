namespace SocarDataLake.Lambdas.Tests;

internal static class PackagedBootstrap
{
    /// <summary>The function's AOT binary from the Package target; the test is skipped, saying why, without it.</summary>
    public static string Path(string function)
    {
        var path = BootstrapProcess.Find(function);
        if (path is null) Assert.Skip($"artifacts/publish/{function}/bootstrap is missing: run './build.sh --target=Package' (the Test target does).");
        return path;
    }
}
