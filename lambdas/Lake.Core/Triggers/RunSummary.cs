using System.Text.Json.Serialization;

namespace SocarDataLake.Core.Triggers;

/// <summary>
/// What one ETL run did, written by the Glue job (AWS) or the local engine at
/// processed:_runs/&lt;dataset&gt;/&lt;run_id&gt;.json. Invariant: RowsIn = RowsOut + RowsQuarantined.
/// </summary>
public sealed record RunSummary
{
    [JsonPropertyName("dataset")] public string Dataset { get; set; } = "";
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("state")] public string State { get; set; } = "";
    [JsonPropertyName("rows_in")] public long RowsIn { get; init; }
    [JsonPropertyName("rows_out")] public long RowsOut { get; init; }
    [JsonPropertyName("rows_quarantined")] public long RowsQuarantined { get; init; }
    /// <summary>Lines with nothing on them: skipped, not rows, and counted so every line of a file is accounted for.</summary>
    [JsonPropertyName("blank_lines")] public long BlankLines { get; init; }
    /// <summary>Lines that continue a row: the line breaks inside quoted CSV values, so header + rows + blank lines + these = the file's lines.</summary>
    [JsonPropertyName("lines_in_values")] public long LinesInValues { get; init; }
    [JsonPropertyName("raw_objects")] public IReadOnlyList<string> RawObjects { get; set; } = [];
    [JsonPropertyName("objects_quarantined")] public IReadOnlyList<string> ObjectsQuarantined { get; set; } = [];
    [JsonPropertyName("bytes_in")] public long BytesIn { get; init; }
    [JsonPropertyName("schema_version")] public int? SchemaVersion { get; init; }
    [JsonPropertyName("started_at")] public DateTimeOffset StartedAt { get; init; }
    [JsonPropertyName("finished_at")] public DateTimeOffset FinishedAt { get; init; }
    [JsonPropertyName("duration_seconds")] public double DurationSeconds { get; init; }
    [JsonPropertyName("output_files")] public IReadOnlyList<string> OutputFiles { get; set; } = [];
    [JsonPropertyName("drift")] public IReadOnlyList<string> Drift { get; set; } = [];
    [JsonPropertyName("error")] public string? Error { get; init; }

    public static string Key(string dataset, string runId) => $"_runs/{dataset}/{runId}.json";
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RunSummary))]
public sealed partial class RunSummaryJsonContext : JsonSerializerContext;
