using System.Diagnostics;

namespace SocarDataLake.TestServers;

/// <summary>
/// Starts a packaged Lambda <c>bootstrap</c> the way Lambda does: the Runtime API address, a region and the
/// execution role's keys in the environment; optionally every AWS call sent to a local server.
/// </summary>
public static class BootstrapProcess
{
    /// <summary>artifacts/publish/&lt;function&gt;/bootstrap of the repository above this assembly, or null if not packaged.</summary>
    public static string? Find(string function)
    {
        var path = Path.Combine(RepositoryRoot.Path, "artifacts", "publish", function, "bootstrap");
        return File.Exists(path) ? path : null;
    }

    /// <summary>Standard output and error are redirected; <paramref name="environment"/> wins over the defaults.</summary>
    public static Process Start(string bootstrap, FakeRuntimeApi runtime, LoopbackServer? aws, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        start.Environment["AWS_REGION"] = "ap-south-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDTEST";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "secret";
        if (aws is not null) start.Environment["AWS_ENDPOINT_URL"] = aws.Url;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {bootstrap}");
    }
}
