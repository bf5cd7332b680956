using System.Text.RegularExpressions;

[assembly: AssemblyFixture(typeof(SocarDataLake.LakeConsole.BrowserTests.DemoConsole))]
// One headless Chromium at a time: the tests share two cores with the rest of the build.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SocarDataLake.LakeConsole.BrowserTests;

/// <summary>
/// What a person runs before opening the console: `lake demo` (a fresh lake fed the NYC taxi sample, a drifted file
/// and its quarantine), then `lake serve --port 0` over it with the repository's dashboards, both as real processes.
/// The sign-in address is the one line `lake serve` prints.
/// </summary>
public sealed partial class DemoConsole : IAsyncLifetime
{
    private LakeProcess? _serve;

    public string Folder { get; } = Directory.CreateTempSubdirectory("lake-browser-").FullName;

    /// <summary>http://127.0.0.1:&lt;port&gt;/?token=&lt;token&gt;, as printed.</summary>
    public string SignInAddress { get; private set; } = "";

    /// <summary>http://127.0.0.1:&lt;port&gt;, where every page lives.</summary>
    public string Origin { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var root = Path.Combine(Folder, "lake");
        var demo = await LakeCommand.RunAsync(Folder, null, CancellationToken.None, "demo", "--root", root);
        if (demo.ExitCode != 0)
            throw new InvalidOperationException($"lake demo exited {demo.ExitCode}:\n{demo.Output}\n{demo.Error}");

        _serve = LakeProcess.Start(Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = root },
            "serve", "--port", "0", "--dashboards", Path.Combine(RepositoryRoot.Path, "dashboards"));
        string? address = null;
        await _serve.WaitForLineAsync(line => (address = AddressLine().IsMatch(line) ? line : address) is not null, CancellationToken.None);
        SignInAddress = address!;
        Origin = SignInAddress[..SignInAddress.IndexOf("/?token=", StringComparison.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_serve is not null)
        {
            _serve.Interrupt();
            await _serve.WaitForExitAsync(CancellationToken.None);
            _serve.Dispose();
        }
        Directory.Delete(Folder, recursive: true);
    }

    [GeneratedRegex("^http://127\\.0\\.0\\.1:[0-9]+/\\?token=[A-Za-z0-9_-]+$")]
    private static partial Regex AddressLine();
}
