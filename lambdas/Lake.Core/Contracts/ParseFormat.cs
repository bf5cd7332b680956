namespace SocarDataLake.Core.Contracts;

/// <summary>
/// A date or timestamp column's parse format: strptime directives and literal characters. Only directives both
/// engines read alike are accepted, so the typing plan can translate every one for DuckDB and for Spark.
/// </summary>
public sealed record ParseFormat(string Text, IReadOnlyList<ParseFormat.Part> Parts)
{
    /// <summary>A directive (<c>%Y</c> → 'Y') or one literal character (<c>%%</c> → '%').</summary>
    public readonly record struct Part(char Value, bool IsDirective);

    /// <summary>Reads <paramref name="format"/>, refusing what the engines would read differently (FormatException says why).</summary>
    public static ParseFormat Read(string format)
    {
        var parts = new List<Part>(format.Length);
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%') { parts.Add(new Part(format[i], false)); continue; }
            if (i + 1 >= format.Length) throw new FormatException($"format '{format}' ends with a lone '%'");
            var directive = format[++i];
            if (directive == '%') { parts.Add(new Part('%', false)); continue; }
            RefuseDirective(format, directive);
            parts.Add(new Part(directive, true));
        }
        var read = new ParseFormat(format, parts);
        read.RefuseAmbiguousClock();
        return read;
    }

    public bool Has(char directive) => Parts.Contains(new Part(directive, true));

    private static void RefuseDirective(string format, char directive)
    {
        switch (directive)
        {
            case 'Y' or 'm' or 'd' or 'H' or 'I' or 'M' or 'S' or 'f' or 'p' or 'b' or 'B' or 'z':
                return;
            case 'y':
                throw new FormatException($"format '{format}': %y (two-digit year) is refused: DuckDB reads 68 as 2068 and 69 as 1969, Spark reads every two-digit year as 20xx; write years with %Y");
            case 'j':
                throw new FormatException($"format '{format}': %j (day of year) is refused: the engines disagree on out-of-range days (DuckDB rolls 2019 366 into 2020, Spark refuses it); use %m and %d");
            default:
                throw new FormatException($"format '{format}': %{directive} has no Spark equivalent; use %Y %m %d %H %I %M %S %f %p %b %B %z");
        }
    }

    // Directive mixes the two engines resolve differently without a quarantine: Spark assumes AM for %I without
    // %p (DuckDB reads 12 as noon) and refuses %p beside %H (DuckDB adds 12 hours).
    private void RefuseAmbiguousClock()
    {
        if (Has('I') && !Has('p')) throw new FormatException($"format '{Text}': %I (12-hour clock) needs %p (AM/PM), or use %H");
        if (Has('p') && !Has('I')) throw new FormatException($"format '{Text}': %p (AM/PM) goes with %I, not %H");
    }
}
