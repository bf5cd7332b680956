using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>`lake serve` as a user runs it: the real command, its one line of output, its sockets, Ctrl-C.</summary>
public sealed partial class ServeProcessTests(ConsoleLake lake)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Settings ASP.NET Core would otherwise obey from the environment, each asking for every address of the machine.
    private static readonly Dictionary<string, string> HostileEnvironment = new()
    {
        ["ASPNETCORE_URLS"] = "http://0.0.0.0:0",
        ["DOTNET_URLS"] = "http://0.0.0.0:0",
        ["ASPNETCORE_HTTP_PORTS"] = "0",
        ["Kestrel__Endpoints__Everywhere__Url"] = "http://0.0.0.0:0",
        ["Kestrel__Endpoints__Ipv6__Url"] = "http://[::]:0",
    };

    [Fact]
    public async Task Lake_serve_prints_one_address_listens_on_127_0_0_1_only_and_ctrl_c_stops_it_with_130()
    {
        var environment = new Dictionary<string, string>(HostileEnvironment) { ["LAKE_ROOT"] = lake.Root.Path };
        using var serve = LakeProcess.Start(lake.Folder, environment, "serve", "--port", "0");
        string? address = null;
        await serve.WaitForLineAsync(line => (address = AddressLine().IsMatch(line) ? line : address) is not null, Cancel);

        var match = AddressLine().Match(address!);
        var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(43, match.Groups["token"].Value.Length); // 32 random bytes, base64url
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, port)], ListeningSockets.Of(serve.Id));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        using var signIn = await http.GetAsync(address, Cancel);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);

        serve.Interrupt();
        var run = await serve.WaitForExitAsync(Cancel);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal([address!], run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("console stopped", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_a_mistake_the_user_can_fix_exit_2_naming_the_port()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var run = await LakeCommand.RunAsync(lake.Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path }, Cancel, "serve", "--port", port);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
        Assert.Contains("--port 0", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_lake_is_named_with_exit_2()
    {
        var run = await LakeCommand.RunAsync(lake.Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = Path.Combine(lake.Folder, "nowhere") }, Cancel, "serve");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a lake", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dashboards_folder_that_does_not_exist_is_named_with_exit_2()
    {
        var missing = Path.Combine(lake.Folder, "no-dashboards");
        var run = await LakeCommand.RunAsync(lake.Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path }, Cancel, "serve", "--dashboards", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--dashboards {missing}: no such folder", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [GeneratedRegex("^http://127\\.0\\.0\\.1:(?<port>[0-9]+)/\\?token=(?<token>[A-Za-z0-9_-]+)$")]
    private static partial Regex AddressLine();
}
