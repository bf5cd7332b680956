namespace SocarDataLake.Simulate.Engine;

/// <summary>
/// One seeded random stream per named part of the model. Each part draws from its own stream, so turning a
/// fault on does not change the workload's arrivals: two designs or two fault mixes see the same objects.
/// </summary>
public sealed class RandomStreams(int seed)
{
    private readonly Dictionary<string, Random> streams = new(StringComparer.Ordinal);

    public int Seed => seed;

    public Random For(string part)
    {
        if (!streams.TryGetValue(part, out var random))
        {
            // A stable hash (string.GetHashCode is randomized per process).
            var hash = (uint)seed * 2654435761u;
            foreach (var c in part) hash = (hash ^ c) * 16777619u;
            streams[part] = random = new Random((int)(hash & 0x7fffffff));
        }
        return random;
    }
}

public static class RandomExtensions
{
    public static double Between(this Random random, double low, double high) => low + random.NextDouble() * (high - low);

    /// <summary>Waiting time to the next arrival of a Poisson process with the given rate per second.</summary>
    public static double Exponential(this Random random, double ratePerSecond) => -Math.Log(1 - random.NextDouble()) / ratePerSecond;
}
