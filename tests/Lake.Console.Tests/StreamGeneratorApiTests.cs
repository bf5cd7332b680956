using System.Net;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// The stream generator page's API over a real lake: `stream rides` from the browser lands events in the raw zone and
/// runs the pipeline, so what is sent is what the rides view counts; one stream at a time; changes need the CSRF header.
/// </summary>
public sealed class StreamGeneratorApiTests
{
    [Fact]
    public async Task A_stream_of_max_events_finishes_and_every_event_is_a_row_of_rides()
    {
        await using var lake = await StreamLake.StartAsync();

        var started = await lake.StartStreamAsync("""{"rate": 5000, "max_events": 300}""");
        Assert.Equal(5000, started.GetProperty("rate").GetDouble());
        var state = await lake.StreamStateAsync(waitSeconds: 60);
        while (state.GetProperty("state").GetString() is "running" or "stopping") state = await lake.StreamStateAsync(waitSeconds: 60);

        Assert.Equal("finished", state.GetProperty("state").GetString());
        Assert.Equal(300, state.GetProperty("sent").GetInt64());
        Assert.Equal(300, state.GetProperty("delivered").GetInt64());
        Assert.Equal(0, state.GetProperty("buffered").GetInt64());
        Assert.Equal(JsonValueKindNull, state.GetProperty("error").ValueKind);
        Assert.Equal(300, await lake.RidesAsync());
    }

    [Fact]
    public async Task Stop_ends_the_stream_once_every_event_sent_is_a_row()
    {
        await using var lake = await StreamLake.StartAsync();
        await lake.StartStreamAsync("""{"rate": 2000}""");
        await lake.SentSomeAsync();

        var stopped = await lake.StopStreamAsync();

        Assert.Equal("stopped", stopped.GetProperty("state").GetString());
        var sent = stopped.GetProperty("sent").GetInt64();
        Assert.Equal(sent, stopped.GetProperty("delivered").GetInt64());
        Assert.Equal(0, stopped.GetProperty("buffered").GetInt64());
        Assert.Equal(sent, await lake.RidesAsync());
        // Stopped means stopped: asked again, nothing more was sent.
        Assert.Equal(sent, (await lake.StreamStateAsync()).GetProperty("sent").GetInt64());
    }

    [Fact]
    public async Task A_second_start_while_one_runs_is_409_and_the_first_runs_on()
    {
        await using var lake = await StreamLake.StartAsync();
        await lake.StartStreamAsync("""{"rate": 1000}""");

        var refused = await lake.StartStreamAsync("""{"rate": 50}""", HttpStatusCode.Conflict);

        Assert.Contains("already running at 1000 events/s", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("POST /api/stream/rides/stop", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        var state = await lake.StreamStateAsync();
        Assert.Equal("running", state.GetProperty("state").GetString());
        Assert.Equal(1000, state.GetProperty("rate").GetDouble());
        await lake.StopStreamAsync();
        // Once stopped, another may start.
        await lake.StartStreamAsync("""{"rate": 50, "max_events": 1}""");
    }

    [Fact]
    public async Task Start_and_stop_without_the_csrf_header_are_403_and_change_nothing()
    {
        await using var lake = await StreamLake.StartAsync();

        using var start = await lake.Client.SendAsync(HttpMethod.Post, "/api/stream/rides/start", """{"rate": 100}""", csrf: false);
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal("idle", (await lake.StreamStateAsync()).GetProperty("state").GetString());

        await lake.StartStreamAsync("""{"rate": 100}""");
        using var stop = await lake.Client.SendAsync(HttpMethod.Post, "/api/stream/rides/stop", csrf: false);
        Assert.Equal(HttpStatusCode.Forbidden, stop.StatusCode);
        Assert.Equal("running", (await lake.StreamStateAsync()).GetProperty("state").GetString());
        await lake.StopStreamAsync();
    }

    [Theory]
    [InlineData("{}", "field 'rate' is missing")]
    [InlineData("""{"rate": 0}""", "field 'rate' is 0")]
    [InlineData("""{"rate": -5}""", "field 'rate' is -5")]
    [InlineData("""{"rate": 20000}""", "at most 10,000 events per second")]
    [InlineData("""{"rate": 1e-300}""", "field 'rate' is 1E-300: give at least 1/3600 (about 0.000278: one event an hour)")]
    [InlineData("""{"rate": 0.0002}""", "field 'rate' is 0.0002: give at least 1/3600 (about 0.000278: one event an hour)")]
    [InlineData("""{"rate": "fast"}""", "field 'rate' is not what")]
    [InlineData("""{"rate": 10, "max_events": 0}""", "field 'max_events' is 0")]
    [InlineData("""{"rate": 10, "max_events": 2.5}""", "field 'max_events' is not what")]
    [InlineData("""{"rate": 10, "maxevents": 5}""", "field 'maxevents' is not what")]
    [InlineData("not json", "request body line 1")]
    public async Task A_bad_field_is_400_naming_it_and_starts_nothing(string body, string named)
    {
        await using var lake = await StreamLake.StartAsync();

        var refused = await lake.StartStreamAsync(body, HttpStatusCode.BadRequest);

        Assert.Contains(named, refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("idle", (await lake.StreamStateAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_slowest_rate_named_in_the_refusal_is_taken_and_streams()
    {
        await using var lake = await StreamLake.StartAsync();

        await lake.StartStreamAsync("""{"rate": 0.00028, "max_events": 1}""");
        var state = await lake.StreamStateAsync(waitSeconds: 60);
        while (state.GetProperty("state").GetString() is "running" or "stopping") state = await lake.StreamStateAsync(waitSeconds: 60);

        Assert.Equal("finished", state.GetProperty("state").GetString());
        Assert.Equal(1, await lake.RidesAsync());
    }

    [Fact]
    public async Task Stopping_the_console_stops_the_stream_and_what_it_sent_is_in_the_lake()
    {
        await using var lake = await StreamLake.StartAsync();
        await lake.StartStreamAsync("""{"rate": 2000}""");
        var sentBefore = (await lake.SentSomeAsync()).GetProperty("sent").GetInt64();

        await lake.RestartAsync();

        // Nothing buffered was lost and nothing landed was left unprocessed: the rows are at least what was sent
        // before the stop, and the new console has no stream running.
        Assert.True(await lake.RidesAsync() >= sentBefore);
        var rides = (await lake.Client.GetJsonAsync("/api/datasets")).GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "rides");
        Assert.True(rides.GetProperty("raw_objects").GetInt32() >= 1);
        Assert.Equal(0, rides.GetProperty("pending_objects").GetInt32());
        Assert.Equal("idle", (await lake.StreamStateAsync()).GetProperty("state").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
