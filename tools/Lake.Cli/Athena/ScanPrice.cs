using SocarDataLake.AwsViews;
using SocarDataLake.Core;
using SocarDataLake.Simulate;

namespace SocarDataLake.Cli.Athena;

/// <summary>Athena's price per TB scanned, from the price file of `lake simulate` (athena_tb_scanned), never from code.</summary>
internal static class ScanPrice
{
    public const string PriceName = "athena_tb_scanned";

    /// <summary>Reads the price before anything is sent: a query must never run without a cost to report.</summary>
    public static ScanCost Load(string path)
    {
        Prices prices;
        try
        {
            prices = Prices.Load(path);
        }
        catch (PriceFileException e)
        {
            throw new LakeException(e.Message);
        }
        return prices.All.FirstOrDefault(p => p.Name == PriceName) is { } price
            ? new ScanCost(price.Usd, price.Region, price.Date)
            : throw new LakeException($"price file '{path}' lacks \"{PriceName}\" (USD per TB scanned, with unit, region, date and source): add it, as in tools/Lake.Simulate/prices.json.");
    }
}
