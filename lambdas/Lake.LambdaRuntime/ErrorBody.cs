using System.Text.Json.Serialization;

namespace SocarDataLake.LambdaRuntime;

/// <summary>
/// The documented error document, {"errorMessage", "errorType", "stackTrace"}, with the inner exception as
/// "cause" and an aggregate's exceptions as "causes", as AWS's own .NET runtime writes them: the reason a
/// call failed is usually the inner exception, not the wrapper.
/// </summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    [JsonPropertyName("cause")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ErrorBody? Cause { get; init; }

    [JsonPropertyName("causes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ErrorBody>? Causes { get; init; }

    public static ErrorBody From(Exception error) => new(
        error.Message,
        error.GetType().Name,
        (error.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        Cause = error.InnerException is { } inner ? From(inner) : null,
        Causes = error is AggregateException { InnerExceptions.Count: > 0 } aggregate ? [.. aggregate.InnerExceptions.Select(From)] : null,
    };
}

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
