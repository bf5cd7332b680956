using System.Net;
using SocarDataLake.LakeConsole.Local;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// A CSV download of a result beyond the query's limit runs the query again in DuckDB, so it takes one of the console's
/// places for running queries: eight downloads at once once ran eight DuckDB reads at once.
/// </summary>
public sealed class CsvDownloadCapTests(ConsoleLake lake)
{
    // What the README promises: four queries or downloads at once, and a 429 saying to ask again in 5 s.
    private const int Places = 4;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // The timeout only guards the run against a place that is never freed, which would make the last loop spin for good.
    [Fact(Timeout = 300_000)]
    public async Task Downloads_past_the_cap_are_429_with_retry_after_and_a_place_is_free_again_once_a_download_ends()
    {
        // A console of its own: the shared one's places belong to the tests running beside this one.
        await using var console = await LocalConsole.StartAsync(lake.Root, 0, TimeProvider.System, Cancel);
        using var client = new ConsoleClient(console);
        // Limit 0 keeps no row, so the CSV is the whole result read again: far more than any socket buffer holds.
        var id = await client.StartQueryAsync("SELECT i, repeat('x', 100) AS pad FROM range(1000000000000) t(i)", limit: 0, timeoutSeconds: 3600);
        Assert.Equal("succeeded", (await client.FinishedAsync(id)).GetProperty("state").GetString());
        var csv = $"/api/queries/{id}/csv";

        var downloads = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < Places; i++)
            {
                downloads.Add(await client.OpenAsync(csv));
                Assert.Equal(HttpStatusCode.OK, downloads[^1].StatusCode);
            }

            using var refused = await client.GetAsync(csv);
            var error = (await ConsoleClient.JsonOf(refused, HttpStatusCode.TooManyRequests)).GetProperty("error").GetString()!;
            Assert.Contains($"0 queries and {Places} CSV downloads are running, {Places} at most at once", error, StringComparison.Ordinal);
            Assert.Equal(RetryAfter, refused.Headers.RetryAfter?.Delta);
            // The same places as queries: starting one is refused the same way.
            using var start = await client.SendAsync(HttpMethod.Post, "/api/queries", ConsoleClient.QueryBody("SELECT 1"));
            Assert.Equal(HttpStatusCode.TooManyRequests, start.StatusCode);
            Assert.Equal(RetryAfter, start.Headers.RetryAfter?.Delta);
        }
        finally
        {
            foreach (var download in downloads) download.Dispose();
        }

        // The console learns of the closed downloads as their connections end: asked again at once until it has.
        while (true)
        {
            using var again = await client.OpenAsync(csv);
            if (again.StatusCode == HttpStatusCode.OK) break;
            Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        }
    }
}
