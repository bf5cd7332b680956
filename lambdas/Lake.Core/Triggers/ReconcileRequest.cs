using System.Text.Json;

namespace SocarDataLake.Core.Triggers;

/// <summary>
/// Which datasets one message of the reconcile queue asks to reconcile. The message is an EventBridge event:
/// "Glue Crawler State Change" (crawlerName = crawler prefix + dataset), "Glue Job State Change" (jobName = job
/// prefix + dataset), or the sweep's "Scheduled Event" from aws.events (every dataset). Anything else asks for
/// nothing, with why: it can never be valid work, and dropping it loses nothing the sweep would not redo.
/// </summary>
public sealed record ReconcileRequest(IReadOnlyList<string> Datasets, string Why)
{
    public static ReconcileRequest Parse(string body, IReadOnlyList<string> datasets, string crawlerPrefix, string jobPrefix)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new([], "not an EventBridge event (not a JSON object)");
            var detailType = Text(root, "detail-type");
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            return detailType switch
            {
                "Scheduled Event" when Text(root, "source") == "aws.events" => new(datasets, "sweep"),
                "Glue Crawler State Change" => One(Text(detail, "crawlerName"), crawlerPrefix, datasets, "crawler"),
                "Glue Job State Change" => One(Text(detail, "jobName"), jobPrefix, datasets, "job"),
                _ => new([], $"not an event the reconciler reads (detail-type '{detailType ?? "(none)"}')"),
            };
        }
        catch (JsonException e)
        {
            return new([], $"not an EventBridge event ({e.Message})");
        }
    }

    private static ReconcileRequest One(string? name, string prefix, IReadOnlyList<string> datasets, string what)
    {
        if (name is null || !name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length)
            return new([], $"{what} '{name ?? "(none)"}' is not a lake {what} (prefix '{prefix}')");
        var dataset = name[prefix.Length..];
        return datasets.Contains(dataset, StringComparer.Ordinal) ? new([dataset], $"{what} {name}") : new([], $"no typing plan is deployed for dataset '{dataset}'");
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
