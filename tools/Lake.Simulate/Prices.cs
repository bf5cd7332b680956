using System.Globalization;
using System.Text.Json;

namespace SocarDataLake.Simulate;

public sealed class PriceFileException(string message) : Exception(message);

/// <summary>One price: USD per unit, with the region, date and page it was read from.</summary>
public sealed record Price(string Name, double Usd, string Unit, string Region, string Date, string Source);

/// <summary>
/// The editable price file (tools/Lake.Simulate/prices.json by default). Every price the bill uses must be
/// there with its region, date and source; nothing is priced in code.
/// </summary>
public sealed class Prices
{
    public static readonly IReadOnlyList<string> Required =
        ["glue_crawler_dpu_hour", "glue_job_dpu_hour", "lambda_request", "lambda_gb_second", "sqs_request", "dynamodb_read_request", "dynamodb_write_request"];

    private readonly Dictionary<string, Price> prices;

    private Prices(string path, Dictionary<string, Price> prices)
    {
        Path = path;
        this.prices = prices;
    }

    public string Path { get; }

    public Price this[string name] => prices[name];

    public IEnumerable<Price> All => prices.Values;

    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "prices.json");

    public static Prices Load(string path)
    {
        if (!File.Exists(path)) throw new PriceFileException($"price file '{path}' not found: pass --prices <file> (tools/Lake.Simulate/prices.json is the template).");
        var found = new Dictionary<string, Price>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!doc.RootElement.TryGetProperty("prices", out var list) || list.ValueKind != JsonValueKind.Object)
                throw new PriceFileException($"price file '{path}' has no \"prices\" object.");
            foreach (var entry in list.EnumerateObject())
            {
                string Text(string field) => entry.Value.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0
                    ? v.GetString()! : throw new PriceFileException($"price file '{path}': price \"{entry.Name}\" needs a non-empty \"{field}\".");
                if (!entry.Value.TryGetProperty("usd", out var usd) || usd.ValueKind != JsonValueKind.Number || usd.GetDouble() < 0)
                    throw new PriceFileException($"price file '{path}': price \"{entry.Name}\" needs \"usd\", a number of at least 0.");
                found[entry.Name] = new Price(entry.Name, usd.GetDouble(), Text("unit"), Text("region"), Text("date"), Text("source"));
            }
        }
        catch (JsonException e)
        {
            throw new PriceFileException($"price file '{path}' is not JSON: {e.Message}");
        }
        var missing = Required.Where(r => !found.ContainsKey(r)).ToList();
        if (missing.Count > 0) throw new PriceFileException($"price file '{path}' lacks {string.Join(", ", missing)}.");
        return new Prices(path, found);
    }

    public override string ToString() => string.Join("; ", All.Select(p => $"{p.Name} {p.Usd.ToString(CultureInfo.InvariantCulture)} ({p.Region}, {p.Date})"));
}
