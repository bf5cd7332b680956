using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// The stream generator page's API, on the local host only (the AWS host streams through Kinesis, which this is the
/// stand-in for): POST /api/stream/rides/start {"rate", "max_events"} starts `stream rides` into the local lake, GET
/// /api/stream/rides[?wait_seconds=] reads its state, POST /api/stream/rides/stop stops it once what it sent is
/// processed. Both POSTs pass the CSRF guard like every change; stopping the console stops the stream the same way.
/// </summary>
internal sealed class StreamGeneratorApi(IStreamGenerator stream)
{
    /// <summary>The most events a second the page may ask for: far above the Kinesis Data Generator's, well below what fills a disk unseen.</summary>
    public const double MaxRate = 10_000;

    public const long MaxEvents = 1_000_000_000;

    private const string Shape = "{\"rate\": events per second, \"max_events\": whole number or null}";

    public void Map(WebApplication app)
    {
        app.MapPost("/api/stream/rides/start", Start);
        app.MapGet("/api/stream/rides", State);
        app.MapPost("/api/stream/rides/stop", Stop);
        // The host runs this before it stops; the caller of RunningConsole.StopAsync waits for it.
        app.Lifetime.ApplicationStopping.Register(() => stream.StopAsync().GetAwaiter().GetResult());
    }

    private async Task Start(HttpContext context)
    {
        var request = await QueriesApi.Body(context, StreamGeneratorJson.Default.StreamStartRequest, "POST /api/stream/rides/start", Shape);
        if (request.Rate is not { } rate) throw ApiException.BadRequest($"field 'rate' is missing: POST /api/stream/rides/start takes {Shape}.");
        if (!(rate >= stream.MinRate && rate <= MaxRate))
            throw ApiException.BadRequest($"field 'rate' is {rate.ToString(CultureInfo.InvariantCulture)}: give at least 1/3600 (about 0.000278: one event an hour) and at most {MaxRate:N0} events per second.");
        if (request.MaxEvents is { } max && max is < 1 or > MaxEvents)
            throw ApiException.BadRequest($"field 'max_events' is {max}: give 1 to {MaxEvents:N0} events, or leave it out to stream until stopped.");
        context.Response.Headers.Location = "/api/stream/rides";
        await Write(context, stream.Start(rate, request.MaxEvents), StatusCodes.Status202Accepted);
    }

    private async Task State(HttpContext context)
    {
        // The page, or a test, may wait for the end instead of asking again and again.
        var wait = QueryArgs.Int(context, "wait_seconds", 0, 0, 60);
        if (wait > 0) await stream.WaitAsync(TimeSpan.FromSeconds(wait), context.RequestAborted);
        await Write(context, stream.State());
    }

    private async Task Stop(HttpContext context) => await Write(context, await stream.StopAsync());

    private static Task Write(HttpContext context, RideStreamState state, int status = StatusCodes.Status200OK) =>
        ApiResponses.Json(context, state, StreamGeneratorJson.Default.RideStreamState, status);
}

/// <summary>POST /api/stream/rides/start. Unknown fields are refused, so a misspelt max_events is named rather than ignored.</summary>
public sealed record StreamStartRequest(double? Rate, long? MaxEvents);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(StreamStartRequest))]
[JsonSerializable(typeof(RideStreamState))]
internal sealed partial class StreamGeneratorJson : JsonSerializerContext;
