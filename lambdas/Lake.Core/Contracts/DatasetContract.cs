using System.Text.Json.Serialization;

namespace SocarDataLake.Core.Contracts;

/// <summary>A dataset contract as written in <c>datasets/&lt;name&gt;.json</c>.</summary>
public sealed record DatasetContract
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("format")] public SourceFormat Format { get; init; } = new();
    [JsonPropertyName("columns")] public IReadOnlyList<ColumnContract> Columns { get; init; } = [];
    [JsonPropertyName("partitioning")] public IReadOnlyList<PartitionContract> Partitioning { get; init; } = [];
    [JsonPropertyName("unknown_columns")] public string UnknownColumns { get; init; } = "ignore";
    [JsonPropertyName("bad_rows")] public string BadRows { get; init; } = "quarantine";
}

public sealed record SourceFormat
{
    [JsonPropertyName("type")] public string Type { get; init; } = "csv";
    [JsonPropertyName("delimiter")] public string Delimiter { get; init; } = ",";
    [JsonPropertyName("header")] public bool Header { get; init; } = true;
}

public sealed record ColumnContract
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("source")] public string Source { get; init; } = "";
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("required")] public bool Required { get; init; }
    [JsonPropertyName("true_values")] public IReadOnlyList<string>? TrueValues { get; init; }
    [JsonPropertyName("false_values")] public IReadOnlyList<string>? FalseValues { get; init; }
    [JsonPropertyName("allowed_values")] public IReadOnlyList<string>? AllowedValues { get; init; }
}

public sealed record PartitionContract
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("column")] public string Column { get; init; } = "";
    [JsonPropertyName("transform")] public string Transform { get; init; } = "identity";
}
