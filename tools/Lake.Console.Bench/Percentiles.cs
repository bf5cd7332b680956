namespace SocarDataLake.LakeConsole.Bench;

/// <summary>Nearest-rank percentiles: every figure reported is a time that was really measured, never an interpolation.</summary>
internal static class Percentiles
{
    /// <param name="p">From 0 (exclusive) to 1: 0.5 is the median's lower neighbour for an even count, 0.99 the 99th.</param>
    public static double Of(IReadOnlyCollection<double> samples, double p)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples to take a percentile of", nameof(samples));
        if (!(p > 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "give a fraction above 0 and at most 1");
        var sorted = samples.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
