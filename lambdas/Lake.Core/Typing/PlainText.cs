using System.Diagnostics;
using System.Text;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Core.Typing;

/// <summary>
/// The texts a contract type accepts, as regular expressions both engines read alike (RE2 in DuckDB, java.util.regex
/// in Spark: ASCII classes, no backreferences or lookaround). Each engine's cast also accepts texts outside these
/// (DuckDB: '1_000', '0x1F', '2019-1-5'; Spark: '1d', '2019', '8:05:09'), and each in its own way, so a value is cast
/// only after it matches: what is not plainly the declared format is quarantined on both.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The members are named after the contract types they check.")]
public static class PlainText
{
    public const string Integer = "[+-]?[0-9]+";

    // No exponent: money and counts written as 1e3 are not plain decimals.
    public const string Decimal = "[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)";

    /// <summary>
    /// A plain decimal that a decimal(p,<paramref name="scale"/>) holds exactly: no nonzero digit after the scale's
    /// last place ('1.230' is 1.23; '1.235' is refused). Both engines' casts round such digits away (half up), and a
    /// lake that promises numbers are never rounded quarantines them instead.
    /// </summary>
    public static string DecimalOfScale(int scale)
    {
        // Java rejects {1,0}: a scale of 0 leaves a fraction of zeros only.
        var fraction = scale == 0 ? "0*" : $"[0-9]{{0,{scale}}}0*";
        var fractionOnly = scale == 0 ? "0+" : $"[0-9]{{1,{scale}}}0*";
        return $"[+-]?([0-9]+([.]{fraction})?|[.]{fractionOnly})";
    }

    // No NaN, Infinity, hex or Java's d/f suffixes.
    public const string Double = Decimal + "([eE][+-]?[0-9]+)?";

    // Years 0001-9999: year 0 (1 BC) and five-digit years are no plain calendar year, and print differently on the two engines.
    private const string Year = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})";
    private const string Month = "(0[1-9]|1[0-2])";
    private const string Day = "(0[1-9]|[12][0-9]|3[01])";
    private const string Hour = "([01][0-9]|2[0-3])";
    private const string Minute = "[0-5][0-9]";

    public const string Date = Year + "-" + Month + "-" + Day;

    /// <summary>
    /// ISO date and time with seconds, up to six fraction digits, then optionally Z or an offset that converts to UTC:
    /// the forms Spark's cast documents (DateTimeUtils.stringToTimestamp) at full width, and DuckDB's TIMESTAMPTZ reads.
    /// </summary>
    public const string Timestamp = Date + "[ T]" + Hour + ":" + Minute + ":" + Minute + "([.][0-9]{1,6})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?";

    // Whole microseconds only, so no engine ever rounds or truncates; the digit limits keep results within
    // years 1653-5138 and catch milliseconds written into a seconds column.
    public const string EpochSeconds = "(-[0-9]{1,10}|[+]?[0-9]{1,11})([.][0-9]{1,6})?";
    public const string EpochMillis = "(-[0-9]{1,13}|[+]?[0-9]{1,14})([.][0-9]{1,3})?";

    private static readonly string[] MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>
    /// The texts a strptime format accepts with every field at its full width (DuckDB's strptime also reads '1' for
    /// %m and '8' for %H; Spark's MM and HH do not), for the directives <see cref="ParseFormat"/> accepts.
    /// </summary>
    public static string ForStrptime(string format)
    {
        var pattern = new StringBuilder();
        foreach (var part in ParseFormat.Read(format).Parts)
        {
            if (!part.IsDirective) { AppendLiteral(pattern, part.Value); continue; }
            pattern.Append(part.Value switch
            {
                'Y' => Year,
                'm' => Month,
                'd' => Day,
                'H' => Hour,
                'I' => "(0[1-9]|1[0-2])",
                'M' or 'S' => Minute,
                'f' => "[0-9]{1,6}",
                'p' => "(AM|PM)",
                'b' => "(" + string.Join("|", MonthNames.Select(m => m[..3])) + ")",
                'B' => "(" + string.Join("|", MonthNames) + ")",
                'z' => "[+-](0[0-9]|1[0-4])[0-5][0-9]",
                _ => throw new UnreachableException($"ParseFormat accepted %{part.Value}, which has no plain-text pattern"),
            });
        }
        return pattern.ToString();
    }

    private static void AppendLiteral(StringBuilder pattern, char ch)
    {
        if (@"\^$.|?*+()[]{}".Contains(ch, StringComparison.Ordinal)) pattern.Append('\\');
        pattern.Append(ch);
    }
}
