using System.Text.Json.Serialization;

namespace SocarDataLake.Core.Contracts;

/// <summary>A dataset contract as written in <c>datasets/&lt;name&gt;.json</c>.</summary>
public sealed record DatasetContract
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("format")] public SourceFormat Format { get; set; } = new();
    [JsonPropertyName("columns")] public IReadOnlyList<ColumnContract> Columns { get; set; } = [];
    [JsonPropertyName("partitioning")] public IReadOnlyList<PartitionContract> Partitioning { get; set; } = [];
    [JsonPropertyName("unknown_columns")] public string UnknownColumns { get; set; } = "ignore";
    [JsonPropertyName("bad_rows")] public string BadRows { get; set; } = "quarantine";
}

public sealed record SourceFormat
{
    [JsonPropertyName("type")] public string Type { get; set; } = "csv";
    [JsonPropertyName("delimiter")] public string Delimiter { get; set; } = ",";
    [JsonPropertyName("header")] public bool Header { get; set; } = true;
}

public sealed record ColumnContract
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("source")] public string Source { get; set; } = "";
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("required")] public bool Required { get; init; }
    [JsonPropertyName("true_values")] public IReadOnlyList<string>? TrueValues { get; init; }
    [JsonPropertyName("false_values")] public IReadOnlyList<string>? FalseValues { get; init; }
    [JsonPropertyName("allowed_values")] public IReadOnlyList<string>? AllowedValues { get; init; }
}

public sealed record PartitionContract
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("column")] public string Column { get; set; } = "";
    [JsonPropertyName("transform")] public string Transform { get; set; } = "identity";
}
