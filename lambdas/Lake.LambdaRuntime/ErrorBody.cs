using System.Text.Json.Serialization;

namespace SocarDataLake.LambdaRuntime;

/// <summary>The documented error document: {"errorMessage", "errorType", "stackTrace"}.</summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    public static ErrorBody From(Exception error) => new(
        error.Message,
        error.GetType().Name,
        (error.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
