using System.Globalization;
using System.Text.RegularExpressions;
using SocarDataLake.Core;
using SocarDataLake.Producers.Local;
using SocarDataLake.Producers.Streaming;

namespace SocarDataLake.Cli;

/// <summary>Parses the stream verbs' --rate, --duration and --buffer-* values (and --timeout, a duration too).</summary>
public static partial class StreamOptions
{
    /// <summary>Records per second from "200", "200/s", "600/m" or "3600/h".</summary>
    public static double Rate(string text)
    {
        var match = RateText().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || count <= 0)
            throw new LakeException($"--rate '{text}' is not a rate: use records per second such as 200 or 200/s (also 600/m, 3600/h).");
        var perSecond = match.Groups[2].Value switch { "m" => count / 60, "h" => count / 3600, _ => count };
        if (perSecond < Pacer.MinRate)
            throw new LakeException($"--rate '{text}' is below the slowest rate, one record an hour: give at least 1/h (1/3600 per second, about 0.000278).");
        return perSecond;
    }

    /// <summary>The longest duration accepted: well inside what .NET timers take (about 49 days).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1000);

    /// <summary>A duration from "500ms", "30s", "5m" or "2h": the unit is required, as the help says ("5" could mean anything).</summary>
    public static TimeSpan Duration(string text) => Duration(text, "--duration");

    /// <summary>A duration given to <paramref name="option"/>, refused (exit 2) when it is not one or is over <see cref="MaxDuration"/>.</summary>
    public static TimeSpan Duration(string text, string option)
    {
        var match = DurationText().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            throw new LakeException($"{option} '{text}' is not a duration: use a number with ms, s, m or h, such as 30s or 5m.");
        var seconds = amount * match.Groups[2].Value switch { "ms" => 0.001, "m" => 60, "h" => 3600, _ => 1 };
        if (seconds > MaxDuration.TotalSeconds)
            throw new LakeException($"{option} '{text}' is too long: at most {MaxDuration.TotalHours:0}h.");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>--buffer-size (MiB) and --buffer-interval (seconds) within the ranges Firehose accepts: 1 to 128 MiB, 0 to 900 seconds.</summary>
    public static BufferHints Buffer(int? sizeMib, int? intervalSeconds)
    {
        if (sizeMib is < 1 or > 128) throw new LakeException($"--buffer-size {sizeMib} is out of range: Firehose accepts 1 to 128 (MiB).");
        if (intervalSeconds is < 0 or > 900) throw new LakeException($"--buffer-interval {intervalSeconds} is out of range: Firehose accepts 0 to 900 (seconds).");
        return new BufferHints(sizeMib is { } mib ? mib * 1024L * 1024 : BufferHints.LocalDefault.SizeBytes,
            intervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : BufferHints.LocalDefault.Interval);
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(?:/\s*([smh]))?$")]
    private static partial Regex RateText();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h)$")]
    private static partial Regex DurationText();
}
