using System.Globalization;
using System.Text.RegularExpressions;

namespace SocarDataLake.Core.Zones;

/// <summary>
/// A raw-zone key: <c>&lt;dataset&gt;/ingest_date=YYYY-MM-DD/&lt;name&gt;</c>. Producers build keys with
/// <see cref="For"/>; triggers accept a key only through <see cref="TryParse"/>, which rejects anything
/// that could escape the dataset's prefix.
/// </summary>
public sealed partial record RawKey(string Dataset, DateOnly IngestDate, string Name)
{
    public const int MaxKeyLength = 1024;

    public string Key => $"{Dataset}/ingest_date={IngestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{Name}";

    public override string ToString() => Key;

    public static RawKey For(string dataset, DateOnly ingestDate, string fileName)
    {
        var key = new RawKey(dataset, ingestDate, fileName);
        if (!TryParse(key.Key, out _, out var reason)) throw new ArgumentException(reason, nameof(fileName));
        return key;
    }

    /// <summary>Parses a decoded S3 key; on failure <paramref name="reason"/> says what is wrong with it.</summary>
    public static bool TryParse(string key, out RawKey? rawKey, out string reason)
    {
        rawKey = null;
        if (string.IsNullOrEmpty(key)) { reason = "the key is empty"; return false; }
        if (key.Length > MaxKeyLength) { reason = $"the key is {key.Length} characters long; at most {MaxKeyLength} are allowed"; return false; }
        if (key.StartsWith('/') || key.Contains('\\', StringComparison.Ordinal)) { reason = $"the key '{key}' is absolute or has a backslash"; return false; }
        if (key.Any(char.IsControl)) { reason = "the key contains control characters"; return false; }

        var segments = key.Split('/');
        if (segments.Any(s => s is "." or ".." || s.Length == 0)) { reason = $"the key '{key}' has an empty, '.' or '..' segment"; return false; }
        if (segments.Length != 3) { reason = $"the key '{key}' is not <dataset>/ingest_date=YYYY-MM-DD/<name>"; return false; }

        if (!DatasetName().IsMatch(segments[0])) { reason = $"'{segments[0]}' is not a dataset name (lowercase letters, digits and '_', starting with a letter)"; return false; }
        const string datePrefix = "ingest_date=";
        if (!segments[1].StartsWith(datePrefix, StringComparison.Ordinal)
            || !DateOnly.TryParseExact(segments[1][datePrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            reason = $"the second segment '{segments[1]}' is not ingest_date=YYYY-MM-DD";
            return false;
        }

        rawKey = new RawKey(segments[0], date, segments[2]);
        reason = "";
        return true;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatasetName();
}
