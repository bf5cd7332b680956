using System.Globalization;
using SocarDataLake.Simulate.Aws;
using SocarDataLake.Simulate.Engine;

namespace SocarDataLake.Simulate.Work;

/// <summary>A burst: <see cref="Count"/> uploads spread over five minutes from <see cref="Minute"/>.</summary>
public sealed record Burst(int Count, double Minute)
{
    public const double SpreadSeconds = 300;
}

/// <summary>What lands in the raw zone: uploads (a Poisson process), bursts of uploads, and a Firehose stream.</summary>
public sealed class Workload(Scheduler scheduler, RandomStreams random, Faults faults, S3RawBucket bucket, DateTimeOffset epoch)
{
    private readonly Random arrivals = random.For("uploads");
    private int uploads;

    public void Uploads(string dataset, double perHour, double until)
    {
        if (perHour <= 0) return;
        var t = arrivals.Exponential(perHour / 3600);
        for (; t < until; t += arrivals.Exponential(perHour / 3600))
        {
            var at = t;
            scheduler.At(at, () => Upload(dataset));
        }
    }

    public void Bursts(string dataset, IEnumerable<Burst> bursts)
    {
        var spread = random.For("bursts");
        foreach (var burst in bursts)
            for (var i = 0; i < burst.Count; i++)
                scheduler.At(burst.Minute * 60 + spread.NextDouble() * Burst.SpreadSeconds, () => Upload(dataset));
    }

    private void Upload(string dataset)
    {
        var date = epoch.AddSeconds(scheduler.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var n = uploads++;
        // `poison`: a key no contract accepts (an unknown dataset), as a misconfigured producer would write.
        if (faults.Strikes("poison"))
            bucket.Put(dataset + "_unknown", $"{dataset}_unknown/ingest_date={date}/upload-{n:D6}.csv", valid: false);
        else
            bucket.Put(dataset, $"{dataset}/ingest_date={date}/upload-{n:D6}.csv", valid: true);
    }
}
