using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Cli;

/// <summary>
/// Quarantine records grouped by the kind of reason, with a count and the first example of each: what
/// `lake quarantine` prints for the local lake and, from the quarantine bucket, for the AWS lake. Both zones hold
/// the same record shape ({raw_object, reason, values}, plus data_row locally), so one grouping serves both.
/// </summary>
internal sealed partial class QuarantineReasons
{
    private readonly Dictionary<string, (int Count, string Example)> _reasons = new(StringComparer.Ordinal);

    public bool IsEmpty => _reasons.Count == 0;

    public void Add(string dataset, JsonElement record)
    {
        var reason = Text(record, "reason") ?? "(no reason recorded)";
        // A data row counts the rows read from the object (no header, blank or unreadable lines), so it is named as
        // such, never as a line; records written before the field's rename call it "row".
        var where = (record.TryGetProperty("data_row", out var row) || record.TryGetProperty("row", out row)) && row.ValueKind == JsonValueKind.Number
            ? record.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number ? $" (line {line}, data row {row})" : $" (data row {row})"
            : "";
        foreach (var part in ReasonParts().Split(reason))
        {
            var kind = $"{dataset}: {Quoted().Replace(LineNumber().Replace(part, "line N:"), "'…'")}";
            _reasons[kind] = _reasons.TryGetValue(kind, out var seen) ? (seen.Count + 1, seen.Example) : (1, $"{Text(record, "raw_object") ?? "(no raw object recorded)"}{where}: {part}");
        }
    }

    public void Print(string title) =>
        Output.Table(["reason", "count", "first example"],
            _reasons.OrderByDescending(kv => kv.Value.Count).Select(kv => new[] { kv.Key, kv.Value.Count.ToString("N0", CultureInfo.InvariantCulture), kv.Value.Example }), title);

    private static string? Text(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^line \d+:")]
    private static partial Regex LineNumber();

    // A reason joins one "column: ..." message per failed check with "; ". A quoted value may hold "; " too
    // ('x; DROP TABLE t'), so a message starts only where a snake_case column name and ": " follow.
    [GeneratedRegex("; (?=[a-z][a-z0-9_]*: )")]
    private static partial Regex ReasonParts();
}
