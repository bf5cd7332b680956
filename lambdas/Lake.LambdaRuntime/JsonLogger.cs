using System.Text;
using System.Text.Json;

namespace SocarDataLake.LambdaRuntime;

/// <summary>
/// One JSON object per line on stdout, which CloudWatch Logs keeps as one event; every line carries the
/// request id so a run can be followed through the logs.
/// </summary>
public sealed class JsonLogger(TextWriter output, string level = "info")
{
    private readonly bool _debug = string.Equals(level, "debug", StringComparison.OrdinalIgnoreCase);

    public void Info(string? requestId, string message, params (string Key, string? Value)[] fields) => Write("info", requestId, message, fields);

    public void Debug(string? requestId, string message, params (string Key, string? Value)[] fields)
    {
        if (_debug) Write("debug", requestId, message, fields);
    }

    public void Error(string? requestId, string message, string detail, params (string Key, string? Value)[] fields) =>
        Write("error", requestId, message, [("detail", detail), .. fields]);

    /// <summary>
    /// The whole exception, as <see cref="Exception.ToString"/> writes it: type, message, every inner exception
    /// and the stack traces, so a failure can be diagnosed from the log alone.
    /// </summary>
    public void Error(string? requestId, string message, Exception error) =>
        Write("error", requestId, message, [("errorType", error.GetType().Name), ("errorMessage", error.Message), ("exception", error.ToString())]);

    private void Write(string level, string? requestId, string message, (string Key, string? Value)[] fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            json.WriteString("level", level);
            if (requestId is not null) json.WriteString("requestId", requestId);
            json.WriteString("message", message);
            foreach (var (key, value) in fields) json.WriteString(key, value);
            json.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.ToArray());
        lock (output) output.WriteLine(line);
    }
}
