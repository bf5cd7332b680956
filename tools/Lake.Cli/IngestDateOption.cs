using System.Globalization;
using SocarDataLake.Core;

namespace SocarDataLake.Cli;

/// <summary>`lake ingest --ingest-date`: backfilling a day's files into that day's raw partition.</summary>
internal static class IngestDateOption
{
    public static DateOnly? Parse(string? text)
    {
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new LakeException($"--ingest-date '{text}' is not a date: give YYYY-MM-DD, such as 2026-11-25.");
    }
}
