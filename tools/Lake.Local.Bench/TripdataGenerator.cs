using System.Globalization;
using System.Text;

namespace SocarDataLake.Local.Bench;

/// <summary>
/// Writes NYC-taxi-shaped CSV (the 2019 layout of the real sample) of any size, reproducibly. By default one row in
/// a thousand carries a bad value, so the quarantine path is measured too; <c>bad</c> sets the share instead (0 for a
/// clean file), each bad row with one of four faults: a time that is no time, a missing required location, an int
/// written as a decimal, an amount with a thousands separator.
/// </summary>
internal static class TripdataGenerator
{
    public const string Header = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge";

    public static long WriteRows(string path, long rows, int seed = 2019, double? bad = null) => Write(path, rows, long.MaxValue, seed, bad);

    public static long WriteBytes(string path, long bytes, int seed = 2019) => Write(path, long.MaxValue, bytes, seed);

    private static long Write(string path, long maxRows, long maxBytes, int seed, double? bad = null)
    {
        var random = new Random(seed);
        var faults = new Random(seed + 1);
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20);
        writer.Write(Header);
        writer.Write('\n');
        var line = new StringBuilder(160);
        long written = 0;
        while (written < maxRows && stream.Position < maxBytes)
        {
            var pickup = start.AddSeconds(random.Next(0, 365 * 24 * 3600));
            var minutes = random.Next(2, 60);
            var distance = Math.Round(random.NextDouble() * 12, 2);
            var fare = Math.Round(2.5 + distance * 2.5 + minutes * 0.5, 2);
            var tip = Math.Round(fare * random.Next(0, 25) / 100.0, 2);
            var fault = bad is { } share ? (faults.NextDouble() < share ? faults.Next(4) : -1) : written % 1000 == 999 ? 0 : -1;
            line.Clear();
            line.Append(random.Next(1, 3)).Append(',')
                .Append(fault == 0 ? "not a time" : pickup.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(pickup.AddMinutes(minutes).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(fault == 2 ? "1.5" : random.Next(1, 7).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(distance.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(1).Append(',')
                .Append(random.Next(100) == 0 ? 'Y' : 'N').Append(',')
                .Append(fault == 1 ? "" : random.Next(1, 266).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(random.Next(1, 266)).Append(',')
                .Append(random.Next(1, 5)).Append(',')
                .Append(fault == 3 ? "\"1,012.50\"" : fare.ToString("F2", CultureInfo.InvariantCulture)).Append(",0.5,0.5,")
                .Append(tip.ToString("F2", CultureInfo.InvariantCulture)).Append(",0,0.3,")
                .Append((fare + 1.3 + tip).ToString("F2", CultureInfo.InvariantCulture)).Append(",2.5\n");
            writer.Write(line);
            written++;
            if (written % 65536 == 0) writer.Flush();
        }
        return written;
    }
}
