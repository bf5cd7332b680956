using System.Net;
using System.Text.Json;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// What a query keeps for paging is bounded in bytes, not only in rows: huge values are cut in pages, rows stop being
/// kept at the console's budget, a page stops at its own; the state says so each time, and the CSV still has every
/// value whole.
/// </summary>
public sealed class QueryMemoryTests(ConsoleLake lake) : IDisposable
{
    private const int Mib = 1024 * 1024;

    private readonly ConsoleClient _client = new(lake.Console);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_stop_being_kept_at_32_MiB_the_state_says_so_and_the_csv_has_every_row()
    {
        // 1,000 values of 50,000 characters: 100 MB in memory, far past the budget, each under the value cut.
        var id = await _client.StartQueryAsync("SELECT i, repeat('x', 50000) AS s FROM range(1000) t(i) ORDER BY i", limit: 1000);
        var state = await _client.FinishedAsync(id);

        Assert.Equal("succeeded", state.GetProperty("state").GetString());
        Assert.True(state.GetProperty("truncated").GetBoolean());
        Assert.True(state.GetProperty("rows_kept_truncated").GetBoolean());
        var kept = state.GetProperty("row_count").GetInt32();
        Assert.InRange(kept, 1, 999);
        Assert.True(kept * 2L * 50_000 <= 32L * Mib, $"{kept} rows of 50,000 characters kept");
        Assert.Contains("32 MiB", state.GetProperty("notice").GetString(), StringComparison.Ordinal);

        var lines = await CsvLinesAsync(id);
        Assert.Equal(1001, lines.Count);
        Assert.All(lines.Skip(1), line => Assert.Equal(50_000, line.Split(',')[1].Length));
    }

    [Fact]
    public async Task A_page_stops_at_4_MiB_and_says_so_and_the_next_offset_carries_on()
    {
        var id = await _client.StartQueryAsync("SELECT i, repeat('x', 50000) AS s FROM range(300) t(i) ORDER BY i", limit: 300);
        await _client.FinishedAsync(id);

        using var response = await _client.GetAsync($"/api/queries/{id}?count=1000");
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var page = JsonDocument.Parse(text).RootElement;

        Assert.True(text.Length <= PageBudget.MaxPageBytes + 64 * 1024, $"a page of {text.Length:N0} bytes");
        Assert.True(page.GetProperty("page_truncated").GetBoolean());
        var shown = page.GetProperty("rows").GetArrayLength();
        Assert.InRange(shown, 1, 299);
        Assert.Equal($"this page holds {shown:N0} rows, as many as fit in 4 MiB: ask for the next offset. The CSV download has the whole result.", page.GetProperty("notice").GetString());
        var next = await _client.GetJsonAsync($"/api/queries/{id}?offset={shown}&count=1");
        Assert.Equal(shown, next.GetProperty("rows")[0][0].GetInt64());
    }

    [Fact]
    public async Task Huge_values_are_cut_in_pages_with_a_marker_and_whole_in_the_csv()
    {
        var id = await _client.StartQueryAsync("SELECT i, repeat('x', 5000000) AS s FROM range(3) t(i) ORDER BY i", limit: 10);
        var state = await _client.FinishedAsync(id, "&count=10");

        Assert.Equal(3, state.GetProperty("row_count").GetInt32());
        Assert.False(state.GetProperty("truncated").GetBoolean());
        foreach (var row in state.GetProperty("rows").EnumerateArray())
        {
            Assert.Equal($"{new string('x', 65_536)}… [cut at 65,536 of 5,000,000 characters: the CSV download has it whole]", row[1].GetString());
        }

        var lines = await CsvLinesAsync(id);
        Assert.Equal(["i,s", $"0,{new string('x', 5_000_000)}", $"1,{new string('x', 5_000_000)}", $"2,{new string('x', 5_000_000)}"], lines);
    }

    [Fact]
    public async Task One_row_whose_json_alone_passes_4_MiB_is_shown_with_its_values_cut_and_whole_in_the_csv()
    {
        // 80 values of 60,000 control characters: each under the value cut, 29 MB as JSON (six characters each).
        var columns = string.Join(", ", Enumerable.Range(0, 80).Select(c => $"repeat(chr(1), 60000) AS c{c}"));
        var id = await _client.StartQueryAsync($"SELECT {columns} FROM range(2)", limit: 10);
        await _client.FinishedAsync(id);

        foreach (var offset in new[] { 0, 1 })
        {
            using var response = await _client.GetAsync($"/api/queries/{id}?offset={offset}&count=10");
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(text.Length <= PageBudget.MaxPageBytes + 64 * 1024, $"a page of {text.Length:N0} bytes at offset {offset}");
            var page = JsonDocument.Parse(text).RootElement;
            Assert.True(page.GetProperty("page_truncated").GetBoolean());
            var row = Assert.Single(page.GetProperty("rows").EnumerateArray());
            Assert.All(row.EnumerateArray(), value => Assert.Matches(@"^\u0001+… \[cut at [0-9,]+ characters to fit a 4 MiB page: the CSV download has it whole\]$", value.GetString()!));
        }

        var lines = await CsvLinesAsync(id);
        Assert.Equal(3, lines.Count);
    }

    private async Task<List<string>> CsvLinesAsync(string id)
    {
        using var csv = await _client.GetAsync($"/api/queries/{id}/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        using var reader = new StreamReader(await csv.Content.ReadAsStreamAsync(Cancel));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(Cancel) is { } line) lines.Add(line);
        return lines;
    }

    public void Dispose() => _client.Dispose();
}
