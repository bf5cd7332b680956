using System.Net;
using System.Text.Json;
using SocarDataLake.LakeConsole.Local;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// A lake of its own for a test that streams into it (the shared <see cref="ConsoleLake"/> is only read), the
/// repository's contracts and nothing ingested, with a console over it.
/// </summary>
internal sealed class StreamLake : IAsyncDisposable
{
    private StreamLake(LakeRoot root, RunningConsole console)
    {
        Root = root;
        Console = console;
        Client = new ConsoleClient(console);
    }

    public LakeRoot Root { get; }
    public RunningConsole Console { get; private set; }
    public ConsoleClient Client { get; private set; }

    public static async Task<StreamLake> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("lake-console-stream-").FullName;
        var root = LakeRoot.Init(Path.Combine(folder, "lake"), ConsoleLake.Repo("datasets"));
        return new StreamLake(root, await LocalConsole.StartAsync(root, 0, TimeProvider.System, CancellationToken.None));
    }

    /// <summary>Stops this console and starts another over the same lake, as running `lake serve` again would.</summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        await Console.DisposeAsync();
        Console = await LocalConsole.StartAsync(Root, 0, TimeProvider.System, CancellationToken.None);
        Client = new ConsoleClient(Console);
    }

    public async Task<JsonElement> StartStreamAsync(string body, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/api/stream/rides/start", body);
        return await ConsoleClient.JsonOf(response, expected);
    }

    public Task<JsonElement> StreamStateAsync(int waitSeconds = 0) => Client.GetJsonAsync($"/api/stream/rides?wait_seconds={waitSeconds}");

    /// <summary>The state once at least one event is sent: asked again at once, since at these rates that is within milliseconds.</summary>
    public async Task<JsonElement> SentSomeAsync()
    {
        while (true)
        {
            var state = await StreamStateAsync();
            if (state.GetProperty("sent").GetInt64() > 0) return state;
            Assert.Equal("running", state.GetProperty("state").GetString());
        }
    }

    public async Task<JsonElement> StopStreamAsync()
    {
        using var response = await Client.SendAsync(HttpMethod.Post, "/api/stream/rides/stop");
        return await ConsoleClient.JsonOf(response, HttpStatusCode.OK);
    }

    public async Task<long> RidesAsync()
    {
        var state = await Client.FinishedAsync(await Client.StartQueryAsync("SELECT count(*) FROM rides"));
        Assert.Equal("succeeded", state.GetProperty("state").GetString());
        return state.GetProperty("rows")[0][0].GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Console.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(Root.Path)!, recursive: true);
    }
}
