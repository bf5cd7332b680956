using SocarDataLake.AwsViews;
using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.LakeConsole.Aws;

/// <summary>
/// Where the console on AWS reads and queries: the names Terraform gives the environment's lake, passed to the
/// function as environment variables. The datasets are the contracts the host bundles.
/// </summary>
public sealed record AwsConsoleSettings(
    string Region,
    string Database,
    string Workgroup,
    string ProcessedBucket,
    string QuarantineBucket,
    string JobPrefix,
    IReadOnlyList<DatasetContract> Contracts)
{
    /// <summary>Athena's price per TB scanned, or null: the cost of a query is then not shown (never guessed).</summary>
    public ScanCost? Cost { get; init; }

    /// <summary>Quarantine records the Quarantine page reads at most (the page says when it stopped there).</summary>
    public int QuarantineReadCap { get; init; } = QuarantineReading.DefaultCap;

    public string JobName(string dataset) => JobPrefix + dataset;

    /// <summary>Every missing variable is named in one error, before anything is read.</summary>
    public static AwsConsoleSettings FromEnvironment(Func<string, string?> variable, IReadOnlyList<DatasetContract> contracts)
    {
        var missing = new List<string>();
        string Required(string name)
        {
            if (variable(name) is { Length: > 0 } value) return value;
            missing.Add(name);
            return "";
        }
        var settings = new AwsConsoleSettings(Required("AWS_REGION"), Required("LAKE_DATABASE"), Required("LAKE_WORKGROUP"), Required("LAKE_PROCESSED_BUCKET"),
            Required("LAKE_QUARANTINE_BUCKET"), Required("LAKE_JOB_PREFIX"), contracts);
        ScanCost? cost = null;
        if (variable("LAKE_ATHENA_USD_PER_TB") is { Length: > 0 } price)
        {
            if (!double.TryParse(price, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var usd) || !(usd >= 0))
                throw new LakeException($"LAKE_ATHENA_USD_PER_TB is '{price}': give Athena's price in USD per TB scanned, such as 5.00.");
            cost = new ScanCost(usd, variable("AWS_REGION") ?? "", variable("LAKE_ATHENA_PRICE_DATE") ?? "unknown date");
        }
        if (missing.Count > 0)
            throw new LakeException($"the console on AWS needs {string.Join(", ", missing)} (Terraform's console module sets them from the environment's outputs).");
        return settings with { Cost = cost };
    }
}
