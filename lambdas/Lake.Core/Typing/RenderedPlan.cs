using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocarDataLake.Core.Typing;

/// <summary>
/// A typing plan rendered for one engine, as the build ships it beside the Glue script: the job registers its
/// raw rows as <see cref="SourceView"/>, runs <see cref="Sql"/> and splits on <see cref="ReasonColumn"/>.
/// Source columns the raw table lacks are added as NULL text by the job, so one rendering serves every file.
/// </summary>
public sealed record RenderedPlan
{
    public const int CurrentVersion = 1;
    public const string DefaultSourceView = "raw_rows";

    [JsonPropertyName("dataset")] public required string Dataset { get; init; }
    [JsonPropertyName("engine")] public required string Engine { get; init; }
    [JsonPropertyName("plan_version")] public int PlanVersion { get; init; } = CurrentVersion;
    [JsonPropertyName("source_view")] public string SourceView { get; init; } = DefaultSourceView;
    [JsonPropertyName("source_columns")] public required IReadOnlyList<string> SourceColumns { get; init; }
    [JsonPropertyName("sql")] public required string Sql { get; init; }
    [JsonPropertyName("reason_column")] public string ReasonColumn { get; init; } = TypingPlan.ReasonColumn;
    [JsonPropertyName("partition_keys")] public required IReadOnlyList<string> PartitionKeys { get; init; }
    [JsonPropertyName("columns")] public required IReadOnlyList<RenderedColumn> Columns { get; init; }

    /// <summary>How the job reads the raw objects: the contract's format (csv with its delimiter, or jsonl).</summary>
    [JsonPropertyName("source_format")] public RenderedSourceFormat? SourceFormat { get; init; }

    /// <summary>Columns the job adds to the raw rows and the SQL carries through, so bad rows keep their origin.</summary>
    [JsonPropertyName("pass_through")] public IReadOnlyList<string> PassThrough { get; init; } = [];

    /// <summary>The raw object key and the row's raw values as JSON, added by the Glue job before the plan runs.</summary>
    public static readonly IReadOnlyList<string> JobPassThrough = ["_raw_object", "_raw_values"];

    public static RenderedPlan Render(TypingPlan plan, ITypingPlanRenderer renderer, IReadOnlyList<string>? passThrough = null, Contracts.SourceFormat? format = null)
    {
        passThrough ??= [];
        var sources = plan.Columns.Select(c => c.Source).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new RenderedPlan
        {
            Dataset = plan.Dataset,
            Engine = renderer.Engine,
            SourceColumns = sources,
            Sql = renderer.RenderSelect(plan, DefaultSourceView, sources.ToHashSet(StringComparer.OrdinalIgnoreCase), passThrough),
            PassThrough = passThrough,
            PartitionKeys = plan.Partitions.Select(p => p.Name).ToList(),
            Columns = plan.Columns.Select(c => new RenderedColumn(c.Name, c.Type.ToString())).ToList(),
            SourceFormat = format is null ? null : new RenderedSourceFormat(format.Type, format.Type == "csv" ? format.Delimiter : null, format.Type == "csv" ? format.Header : null),
        };
    }

    // Relaxed escaping keeps the SQL's quotes and backticks readable in review.
    private static readonly JsonSerializerOptions Options = new(RenderedPlanJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<RenderedPlan>)Options.GetTypeInfo(typeof(RenderedPlan)));
}

public sealed record RenderedSourceFormat(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("delimiter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Delimiter,
    [property: JsonPropertyName("header"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Header);

public sealed record RenderedColumn([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("type")] string Type);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RenderedPlan))]
internal sealed partial class RenderedPlanJsonContext : JsonSerializerContext;
