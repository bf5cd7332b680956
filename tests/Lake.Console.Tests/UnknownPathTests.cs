using System.Net;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>An address the console does not serve answers the same JSON 404, whatever its last segment looks like.</summary>
public sealed class UnknownPathTests(ConsoleLake lake) : IDisposable
{
    private readonly ConsoleClient _client = new(lake.Console);

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/x.y")]
    [InlineData("/nothing.txt")]
    [InlineData("/app/nope.js")]
    public async Task An_unknown_path_is_a_json_404_naming_the_path_and_the_pages(string path)
    {
        using var response = await _client.GetAsync(path);

        var error = (await ConsoleClient.JsonOf(response, HttpStatusCode.NotFound)).GetProperty("error").GetString()!;
        Assert.Contains($"nothing at GET {path}", error, StringComparison.Ordinal);
        Assert.Contains("the API is under /api/", error, StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();
}
