using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// A request body Kestrel will not read whole, sent to the real `lake serve` over a raw socket: one declared past the
/// size cap, one that stalls. Each is answered with its own status and the API's error shape, and the console's log
/// gets at most one line for it, never a stack trace.
/// </summary>
public sealed partial class RequestBodyRefusalTests(ConsoleLake lake)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_body_past_the_size_cap_is_413_and_a_stalled_body_is_408_each_with_one_log_line_and_no_stack_trace()
    {
        using var serve = LakeProcess.Start(lake.Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path }, "serve", "--port", "0");
        string? address = null;
        await serve.WaitForLineAsync(line => (address = AddressLine().IsMatch(line) ? line : address) is not null, Cancel);
        var match = AddressLine().Match(address!);
        var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
        var token = match.Groups["token"].Value;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var session = JsonDocument.Parse(await http.GetStringAsync("/api/session", Cancel));
        var csrf = session.RootElement.GetProperty("csrf").GetString()!;
        var headers = $"POST /api/queries HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\nX-Lake-Csrf: {csrf}\r\nContent-Type: application/json\r\n";

        // Declared past Kestrel's cap (30,000,000 bytes): refused before a byte of it is read, so none is sent.
        var tooLarge = await ExchangeAsync(port, headers + "Content-Length: 40000000\r\n\r\n");
        // Three bytes of a hundred, then silence: Kestrel's minimum data rate ends the read after its grace period.
        var stalled = await ExchangeAsync(port, headers + "Content-Length: 100\r\n\r\n{\"s");

        Assert.StartsWith("HTTP/1.1 413 ", tooLarge, StringComparison.Ordinal);
        Assert.Contains("application/json", tooLarge, StringComparison.Ordinal);
        Assert.Contains("{\"error\":\"the request body is over 30,000,000 bytes, the most the console reads: POST /api/queries takes a small JSON body.\"}", tooLarge, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 408 ", stalled, StringComparison.Ordinal);
        Assert.Contains("{\"error\":\"the request body arrived too slowly", stalled, StringComparison.Ordinal);
        serve.Interrupt();
        var run = await serve.WaitForExitAsync(Cancel);
        var logged = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("lake console:", StringComparison.Ordinal) || l.StartsWith(' ')).ToList();
        Assert.Equal(["lake console: POST /api/queries: 408, the request body arrived too slowly (below the server's minimum data rate), so the console stopped reading it: send the whole body at once."], logged);
    }

    // Sends the request's bytes as given and reads the answer to its last chunk, or until the console closes the connection.
    private static async Task<string> ExchangeAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Cancel);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Cancel);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        while (!answer.ToString().EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, Cancel) is var read and > 0)
            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        return answer.ToString();
    }

    [GeneratedRegex("^http://127\\.0\\.0\\.1:(?<port>[0-9]+)/\\?token=(?<token>[A-Za-z0-9_-]+)$")]
    private static partial Regex AddressLine();
}
