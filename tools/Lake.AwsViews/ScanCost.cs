using System.Globalization;
using SocarDataLake.Aws.Athena;

namespace SocarDataLake.AwsViews;

/// <summary>
/// What a query costs on Athena (SQL queries, https://aws.amazon.com/athena/pricing/): the price per TB of data
/// scanned, each query's bytes rounded up to the next megabyte with a 10 MB minimum; failed queries and DDL are not
/// charged, a cancelled query is charged for what it scanned before it stopped. The price comes from the caller (the
/// CLI reads it from the price file of `lake simulate`, athena_tb_scanned), never from code.
/// </summary>
public sealed record ScanCost(double UsdPerTerabyte, string Region, string Date)
{
    private const long Megabyte = 1L << 20;
    private const long MinimumBytes = 10 * Megabyte;
    private const double Terabyte = 1L << 40;

    /// <summary>The bytes billed, or null when Athena reported no DataScannedInBytes for a query that is charged.</summary>
    public static long? BilledBytes(AthenaExecution execution)
    {
        if (execution.State == "FAILED" || execution.StatementType == "DDL") return 0;
        if (execution.DataScannedBytes is not { } scanned) return null;
        var megabytes = (scanned + Megabyte - 1) / Megabyte;
        return Math.Max(MinimumBytes, megabytes * Megabyte);
    }

    public double? Usd(AthenaExecution execution) => BilledBytes(execution) / Terabyte * UsdPerTerabyte;

    /// <summary>The line printed after every query: run time, data scanned, cost and the query id.</summary>
    public string Summary(AthenaExecution execution)
    {
        var time = execution.TotalTime is { } total ? $"{Seconds(total)} s" : "unknown time";
        var engine = execution.EngineTime is { } e ? $" (engine {Seconds(e)} s)" : "";
        var billed = BilledBytes(execution);
        // Without Statistics there is nothing to price: a minimum charge would be a guess presented as a fact.
        var cost = billed switch
        {
            null => "cost unknown (Athena reported no DataScannedInBytes; the query's page in the Athena console, or the bill, says)",
            0 => "cost $0 (failed queries and DDL are not charged)",
            _ => $"cost ${Usd(execution)!.Value.ToString("0.000000", CultureInfo.InvariantCulture)} ({Size(billed.Value)} billed at ${UsdPerTerabyte.ToString("0.00", CultureInfo.InvariantCulture)}/TB, {Region} price of {Date}; 10 MB minimum per query)",
        };
        var scanned = execution.DataScannedBytes is { } bytes ? $"scanned {Size(bytes)}" : "scanned: unknown";
        return $"Athena query {execution.Id}: {execution.State} in {time}{engine}; {scanned}; {cost}";
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => bytes switch
    {
        < 1L << 20 => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB",
        < 1L << 30 => $"{(bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture)} MB",
        < 1L << 40 => $"{(bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture)} GB",
        _ => $"{(bytes / Terabyte).ToString("0.000", CultureInfo.InvariantCulture)} TB",
    };
}
