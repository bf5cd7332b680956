using System.Diagnostics;

namespace SocarDataLake.TestServers;

public sealed record CliRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs the built `lake` command as a user does, with no AWS or lake settings inherited from the machine: the
/// caller's environment variables only, and profile files that do not exist, so no real credentials leak in.
/// </summary>
public static class LakeCommand
{
    public static async Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, params string[] args)
    {
        using var lake = LakeProcess.Start(workingDirectory, environment, args);
        return await lake.WaitForExitAsync(cancellationToken);
    }

    /// <summary>How the built `lake` is started: <c>dotnet lake.dll</c> with a clean AWS and lake environment.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        // Tests run from tests/<project>/bin/<configuration>/net10.0/: the CLI was built in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Path, "tools", "Lake.Cli", "bin", configuration, "net10.0", "lake.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("LAKE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(workingDirectory, "no-credentials");
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(workingDirectory, "no-config");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return start;
    }
}
