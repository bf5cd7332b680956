using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// A request body Kestrel will not read whole, sent to the real `lake serve` over a raw socket: one declared a byte past
/// the size cap (the console's own, QueriesApi.MaxBodyBytes, not Kestrel's 30 MB default), one that stalls. Each is
/// answered with its own status and the API's error shape, and the console's log gets at most one line for it, never a
/// stack trace. A body exactly at the cap, the longest SQL written the longest way, is read and its query started.
/// </summary>
public sealed partial class RequestBodyRefusalTests(ConsoleLake lake)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_body_a_byte_past_the_cap_is_413_one_at_the_cap_is_read_and_a_stalled_body_is_408_each_with_one_log_line_and_no_stack_trace()
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

        // Declared one byte past the cap: refused before a byte of it is read, so none is sent.
        var tooLarge = await ExchangeAsync(port, headers + $"Content-Length: {QueriesApi.MaxBodyBytes + 1}\r\n\r\n");
        var atCap = await PostAsync(http, csrf, LongestQueryBody());
        // Three bytes of a hundred, then silence: Kestrel's minimum data rate ends the read after its grace period.
        var stalled = await ExchangeAsync(port, headers + "Content-Length: 100\r\n\r\n{\"s");

        Assert.True(atCap.Status == 202, $"{atCap.Status}: {atCap.Body}");
        Assert.StartsWith("HTTP/1.1 413 ", tooLarge, StringComparison.Ordinal);
        Assert.Contains("application/json", tooLarge, StringComparison.Ordinal);
        Assert.Contains($"{{\"error\":\"the request body is over {QueriesApi.MaxBodyBytes:N0} bytes, the most the console reads: POST /api/queries takes a small JSON body.\"}}", tooLarge, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 408 ", stalled, StringComparison.Ordinal);
        Assert.Contains("{\"error\":\"the request body arrived too slowly", stalled, StringComparison.Ordinal);
        serve.Interrupt();
        var run = await serve.WaitForExitAsync(Cancel);
        var logged = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("lake console:", StringComparison.Ordinal) || l.StartsWith(' ')).ToList();
        Assert.Equal(["lake console: POST /api/queries: 408, the request body arrived too slowly (below the server's minimum data rate), so the console stopped reading it: send the whole body at once."], logged);
    }

    // {"sql": …} of exactly MaxBodyBytes bytes: MaxSqlChars characters of SQL, nearly all written as six-byte \u escapes,
    // then blanks, which JSON allows after the value.
    private static byte[] LongestQueryBody()
    {
        const string head = "SELECT 1 -- ";
        var json = new StringBuilder("{\"sql\":\"").Append(head);
        for (var i = head.Length; i < QueriesApi.MaxSqlChars; i++) json.Append("\\u0078");
        json.Append("\"}");
        Assert.True(json.Length <= QueriesApi.MaxBodyBytes, $"the longest query's body is {json.Length:N0} bytes, over the cap");
        return Encoding.ASCII.GetBytes(json.Append(' ', QueriesApi.MaxBodyBytes - json.Length).ToString());
    }

    private static async Task<(int Status, string Body)> PostAsync(HttpClient http, string csrf, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/queries") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Lake-Csrf", csrf);
        using var response = await http.SendAsync(request, Cancel);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
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
