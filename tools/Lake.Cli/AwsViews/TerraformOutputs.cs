using System.Text.Json;
using SocarDataLake.Core;

namespace SocarDataLake.Cli.AwsViews;

/// <summary>
/// An environment's `terraform output -json` saved to a file: one member per output, each {"value": …, "type": …,
/// "sensitive": …} (terraform/envs/&lt;env&gt;/outputs.tf names them). Lets the AWS views find every bucket, database,
/// job and queue of the lake from one file instead of a variable each.
/// </summary>
internal sealed class TerraformOutputs
{
    private readonly JsonElement _outputs;

    private TerraformOutputs(string file, JsonElement outputs)
    {
        File = file;
        _outputs = outputs;
    }

    /// <summary>The file as the user named it, for messages.</summary>
    public string File { get; }

    public static TerraformOutputs Load(string file)
    {
        const string how = "save it with: terraform -chdir=terraform/envs/<env> output -json > lake-outputs.json";
        if (!System.IO.File.Exists(file)) throw new LakeException($"--outputs {file}: no such file; {how}.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(System.IO.File.ReadAllBytes(file));
        }
        catch (JsonException e)
        {
            throw new LakeException($"{file} is not JSON (line {e.LineNumber + 1}): expected the output of `terraform output -json`; {how}.");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new LakeException($"{file} is not an object of outputs: expected the output of `terraform output -json`; {how}.");
        return new TerraformOutputs(file, document.RootElement.Clone());
    }

    /// <summary>A string output, such as processed_bucket_name.</summary>
    public string? Text(string name) =>
        Value(name) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>One entry of a map output, such as bucket_names["quarantine"].</summary>
    public string? Entry(string name, string key) => Map(name)?.GetValueOrDefault(key);

    /// <summary>A map of strings, such as job_names (dataset → job).</summary>
    public IReadOnlyDictionary<string, string>? Map(string name) =>
        Value(name) is { ValueKind: JsonValueKind.Object } v
            ? v.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : null;

    /// <summary>A list of strings, such as datasets.</summary>
    public IReadOnlyList<string>? List(string name) =>
        Value(name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList() : null;

    private JsonElement? Value(string name) =>
        _outputs.TryGetProperty(name, out var output) && output.ValueKind == JsonValueKind.Object && output.TryGetProperty("value", out var value) ? value : null;
}
