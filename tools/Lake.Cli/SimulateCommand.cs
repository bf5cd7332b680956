using System.Globalization;
using System.Text;
using System.Text.Json;
using SocarDataLake.Core;
using SocarDataLake.Simulate;
using SocarDataLake.Simulate.Designs;
using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Plan;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Cli;

/// <summary>The options of `lake simulate` as typed, before they are checked.</summary>
internal sealed record SimulateArguments(
    string? Plan, string Design, string? Hours, string? Seed, string? UploadsPerHour, string? StreamRecordsPerSecond, string[] Bursts,
    string? CrawlerMinutes, string? JobMinutes, string[] FailRates, string? Prices, string Format, string? DrainHours);

/// <summary>`lake simulate`: the deployed orchestration over simulated time, with the real trigger handlers.</summary>
internal static class SimulateCommand
{
    public const string DefaultPlan = "artifacts/plan-dev.json";

    public static int Run(SimulateArguments args)
    {
        var design = Designs.Find(args.Design)
            ?? throw new LakeException($"--design '{args.Design}' is not a design: choose {string.Join(", ", Designs.All.SkipLast(1).Select(d => d.Name))} or {Designs.All[^1].Name}.");
        if (args.Format is not ("table" or "json")) throw new LakeException($"--format '{args.Format}' is not a format: choose table or json.");
        var options = Options(args);
        LakeSettings plan;
        Prices prices;
        try
        {
            plan = PlanReader.Read(PlanPath(args.Plan));
            prices = Prices.Load(args.Prices ?? Prices.DefaultPath);
        }
        catch (Exception e) when (e is PlanException or PriceFileException)
        {
            throw new LakeException(e.Message);
        }

        var result = Simulation.Run(plan, design, options, prices);
        if (args.Format == "json")
        {
            Console.WriteLine(Json(result.Metrics));
            // The JSON object keeps exactly the issue's keys; where each setting came from goes to stderr.
            Console.Error.WriteLine(SettingsText(result));
        }
        else
        {
            Table(result, options, prices);
        }
        return result.Metrics.LostOrDuplicated ? 1 : 0;
    }

    private static string PlanPath(string? option)
    {
        if (option is not null) return option;
        if (File.Exists(DefaultPlan)) return DefaultPlan;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultPlan);
            if (File.Exists(Path.Combine(dir.FullName, "global.json")) && File.Exists(candidate)) return candidate;
        }
        return DefaultPlan;
    }

    internal static SimulationOptions Options(SimulateArguments args)
    {
        var options = new SimulationOptions
        {
            Hours = Number("--hours", args.Hours, 24, min: 0.01, max: 24 * 31),
            Seed = (int)Number("--seed", args.Seed, 1, min: 0, max: int.MaxValue, whole: true),
            UploadsPerHour = Number("--uploads-per-hour", args.UploadsPerHour, 0, min: 0, max: 1_000_000),
            StreamRecordsPerSecond = Number("--stream-records-per-second", args.StreamRecordsPerSecond, 0, min: 0, max: 1_000_000),
            Bursts = [],
            CrawlerMinutes = Range("--crawler-minutes", args.CrawlerMinutes, (2, 15)),
            JobMinutes = Range("--job-minutes", args.JobMinutes, (3, 30)),
            FaultRates = FaultRates(args.FailRates),
            DrainHours = Number("--drain-hours", args.DrainHours, 2, min: 0, max: 24 * 7),
        };
        options = options with { Bursts = args.Bursts.Select(b => Burst(b, options.Hours)).ToList() };
        // With no workload option at all, simulate the issue's stream: 50 records a second into Firehose. A workload
        // given as 0 is taken at its word (nothing arrives), not replaced by the default.
        var noWorkloadOption = args.UploadsPerHour is null && args.StreamRecordsPerSecond is null && args.Bursts.Length == 0;
        // Poison is an upload under a key no contract accepts; Firehose writes the stream's objects under its one
        // configured prefix, so a rate with no uploads to strike would be accepted and do nothing.
        if (options.FaultRates.GetValueOrDefault("poison") > 0 && options.UploadsPerHour == 0 && options.Bursts.Count == 0)
            throw new LakeException("--fail-rate poison strikes uploads (--uploads-per-hour, --burst), and this workload has none: Firehose writes the stream's objects under its own prefix, never a poison key.");
        return noWorkloadOption ? options with { StreamRecordsPerSecond = 50 } : options;
    }

    private static double Number(string option, string? text, double fallback, double min, double max, bool whole = false)
    {
        if (text is null) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max || (whole && value != Math.Floor(value)))
            throw new LakeException($"{option} '{text}' is not {(whole ? "a whole number" : "a number")} from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        return value;
    }

    private static (double, double) Range(string option, string? text, (double, double) fallback)
    {
        if (text is null) return fallback;
        var parts = text.Split('-');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var low) || !double.IsFinite(low)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var high) || !double.IsFinite(high)
            || low <= 0 || high < low || high > 7 * 24 * 60)
            throw new LakeException($"{option} '{text}' is not a range of minutes A-B with 0 < A <= B (such as 2-15).");
        return (low, high);
    }

    private static Burst Burst(string text, double hours)
    {
        var parts = text.Split('@');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0 || count > 1_000_000
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var minute) || !double.IsFinite(minute) || minute < 0)
            throw new LakeException($"--burst '{text}' is not N@MINUTE (1 to 1,000,000 uploads spread over five minutes from minute MINUTE, such as 10000@60).");
        // Uploads after the simulated hours are never counted: a burst that does not fit would vanish from every figure.
        if (minute * 60 + Simulate.Work.Burst.SpreadSeconds > hours * 3600)
            throw new LakeException(string.Create(CultureInfo.InvariantCulture,
                $"--burst '{text}': its five minutes from minute {minute} end after the simulated {hours * 60} minutes (--hours {hours}); give a MINUTE up to {Math.Max(0, hours * 60 - Simulate.Work.Burst.SpreadSeconds / 60)} or more --hours."));
        return new Burst(count, minute);
    }

    private static Dictionary<string, double> FaultRates(string[] items)
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var parts = item.Split('=');
            if (parts.Length != 2 || !Faults.Known.ContainsKey(parts[0]))
                throw new LakeException($"--fail-rate '{item}' is not NAME=P with NAME one of {string.Join(", ", Faults.Known.Keys)}.");
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !double.IsFinite(p) || p < 0 || p > 1)
                throw new LakeException($"--fail-rate '{item}': P must be a probability from 0 to 1.");
            if (rates.TryGetValue(parts[0], out var earlier))
                throw new LakeException(string.Create(CultureInfo.InvariantCulture, $"--fail-rate {parts[0]} is given twice ({parts[0]}={earlier} and {item}); give each fault once."));
            rates[parts[0]] = p;
        }
        return rates;
    }

    private static string Json(SimulationMetrics metrics)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in metrics.Pairs())
            {
                if (value == Math.Floor(value) && !key.EndsWith("_s", StringComparison.Ordinal) && !key.Contains("hours", StringComparison.Ordinal) && !key.StartsWith("cost", StringComparison.Ordinal))
                    writer.WriteNumber(key, (long)value);
                else
                    writer.WriteNumber(key, value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Origin(SettingOrigin origin) => origin switch
    {
        SettingOrigin.Plan => "plan",
        SettingOrigin.AwsDefault => "AWS default",
        _ => "design",
    };

    private static string SettingsText(SimulationResult result)
    {
        var text = new StringBuilder($"lake simulate: design {result.Design}; settings (value, from, where):\n");
        foreach (var s in result.Settings) text.Append(CultureInfo.InvariantCulture, $"  {s.Name} = {s.Value}  [{Origin(s.Origin)}: {s.Where}]\n");
        foreach (var note in result.Notes) text.Append(CultureInfo.InvariantCulture, $"  {note}\n");
        return text.ToString().TrimEnd();
    }

    private static void Table(SimulationResult result, SimulationOptions options, Prices prices)
    {
        var design = Designs.Find(result.Design)!;
        var workload = new List<string>();
        if (options.UploadsPerHour > 0) workload.Add($"{options.UploadsPerHour.ToString(CultureInfo.InvariantCulture)} uploads/h");
        if (options.StreamRecordsPerSecond > 0) workload.Add($"stream {options.StreamRecordsPerSecond.ToString(CultureInfo.InvariantCulture)} records/s");
        workload.AddRange(options.Bursts.Select(b => $"burst {b.Count} at minute {b.Minute.ToString(CultureInfo.InvariantCulture)}"));
        Console.WriteLine($"design {design.Name}: {design.Description}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Hours} h + {options.DrainHours} h drain, seed {options.Seed}, {string.Join(", ", workload)}; crawls {options.CrawlerMinutes.Min}-{options.CrawlerMinutes.Max} min, job runs {options.JobMinutes.Min}-{options.JobMinutes.Max} min"));
        if (options.FaultRates.Count > 0)
            Console.WriteLine("faults: " + string.Join(", ", options.FaultRates.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key}={f.Value}"))));
        Output.Table(["figure", "value"], result.Metrics.Pairs().Select(p => new[] { p.Key, p.Value.ToString("0.###", CultureInfo.InvariantCulture) }), "lake simulate");
        Output.Table(["setting", "value", "from", "where"], result.Settings.Select(s => new[] { s.Name, s.Value, Origin(s.Origin), s.Where }), "settings");
        foreach (var note in result.Notes) Console.WriteLine(note);
        Console.WriteLine($"prices: {prices.Path} ({prices})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall time {result.WallTime.TotalSeconds:0.00} s"));
        Console.WriteLine(result.Metrics.LostOrDuplicated
            ? $"LOST OR DUPLICATED: {result.Metrics.NeverProcessed} never processed, {result.Metrics.ProcessedTwiceOrMore} processed twice or more, {result.Metrics.DeadLetteredValid} valid events dead-lettered"
            : "no valid work lost or duplicated");
    }
}
