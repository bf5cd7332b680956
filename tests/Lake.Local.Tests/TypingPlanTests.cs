using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Typing;

namespace SocarDataLake.Local.Tests;

/// <summary>The DuckDB rendering of typing plans, executed: each type, format, null and boundary.</summary>
public sealed class TypingPlanTests
{
    private static object?[] Type(ColumnContract column, string value)
    {
        var contract = new DatasetContract { Name = "t", Columns = [column with { Name = "c", Source = "src" }] };
        var plan = ContractCompiler.Compile(contract);
        var sql = new DuckDbTypingPlanRenderer().RenderSelect(plan, $"(SELECT {Sql.Literal(value)} AS src)", new HashSet<string>(["src"], StringComparer.OrdinalIgnoreCase), []);
        using var duck = DuckSession.Open();
        return duck.Rows(sql).Single();
    }

    [Theory]
    [InlineData("decimal(10,2)", "12.345", null, "c: '12.345' is not a decimal(10,2) (not a number, too many digits, or more than 2 decimal places)")]
    [InlineData("decimal(10,2)", "12.340", "12.34", null)]
    [InlineData("decimal(10,0)", "12.5", null, "c: '12.5' is not a decimal(10,0) (not a whole number, or too many digits)")]
    [InlineData("decimal(10,2)", " 7 ", "7.00", null)]
    [InlineData("decimal(4,2)", "123.45", null, "c: '123.45' is not a decimal(4,2) (not a number, too many digits, or more than 2 decimal places)")]
    [InlineData("int", "2147483648", null, "c: '2147483648' is not a valid int")]
    [InlineData("bigint", "2147483648", "2147483648", null)]
    [InlineData("double", "1e3", "1000", null)]
    [InlineData("string", "", null, null)]
    [InlineData("boolean", "true", "True", null)]
    public void Values_type_or_carry_a_reason(string type, string value, string? expected, string? reason)
    {
        var row = Type(new ColumnContract { Type = type }, value);

        Assert.Equal(expected, row[0] is null ? null : Convert.ToString(row[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(reason, row[1]);
    }

    // The Spark rendering guards a decimal with PlainText.DecimalOfScale alone (GuardRegexParityTests holds Java's reading
    // of it to RE2's); the DuckDB rendering tests characters with GLOBs and leaves the rest to its cast. On texts made of a
    // decimal's characters both must type the same texts, and what they type is the text's own value: never rounded.
    [Theory]
    [InlineData(10, 2)]
    [InlineData(5, 3)]
    [InlineData(18, 0)]
    public void A_decimal_types_exactly_the_texts_the_spark_guard_accepts_and_never_rounds_them(int precision, int scale)
    {
        var random = new Random(precision * 100 + scale);
        string Digits(int most, bool zeros) => new(Enumerable.Range(0, random.Next(most + 1)).Select(_ => zeros && random.Next(2) == 0 ? '0' : (char)('0' + random.Next(10))).ToArray());
        var texts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 3000; i++)
        {
            // Shaped like numbers around the precision and scale, fractions heavy in zeros; then any string of the characters.
            texts.Add($"{"+- "[random.Next(3)]}".Trim() + Digits(precision - scale + 1, zeros: false) + (random.Next(4) == 0 ? "" : ".") + Digits(scale + 3, zeros: true));
            texts.Add(new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => "0123456789+-."[random.Next(13)]).ToArray()));
        }
        texts.Remove("");
        var type = $"decimal({precision},{scale})";
        var plan = ContractCompiler.Compile(new DatasetContract { Name = "t", Columns = [new ColumnContract { Name = "c", Source = "src", Type = type }] });
        var source = $"(SELECT * FROM (VALUES {string.Join(", ", texts.Select(t => $"({Sql.Literal(t)})"))}) AS v(src))";
        var sql = DuckDbTypingPlanRenderer.Instance.RenderSelect(plan, source, new HashSet<string>(["src"], StringComparer.OrdinalIgnoreCase), ["src"]);
        using var duck = DuckSession.Open(threads: 1);
        var rows = duck.Rows($"SELECT src, CAST(c AS VARCHAR), regexp_full_match(src, {Sql.Literal(PlainText.DecimalOfScale(scale))}) AND TRY_CAST(src AS {type.ToUpperInvariant()}) IS NOT NULL FROM ({sql})");

        var typed = rows.Where(r => r[1] is not null).ToList();
        Assert.True(typed.Count > 500 && rows.Count - typed.Count > 500, $"the texts must reach both verdicts: {typed.Count} typed of {rows.Count}");
        var differ = rows.Where(r => (r[1] is not null) != (bool)r[2]!).Select(r => $"'{r[0]}': DuckDB {(r[1] is null ? "refuses" : "types")} it").ToList();
        Assert.True(differ.Count == 0, string.Join("; ", differ.Take(20)));
        var rounded = typed.Where(r => Exact((string)r[0]!) != Exact((string)r[1]!)).Select(r => $"'{r[0]}' became {r[1]}").ToList();
        Assert.True(rounded.Count == 0, string.Join("; ", rounded.Take(20)));
    }

    // A decimal text's value as text: no sign on zero, no leading or trailing zeros.
    private static string Exact(string text)
    {
        var negative = text.StartsWith('-');
        var parts = text.TrimStart('+', '-').Split('.');
        var whole = parts[0].TrimStart('0');
        var fraction = parts.Length > 1 ? parts[1].TrimEnd('0') : "";
        if (whole.Length == 0 && fraction.Length == 0) return "0";
        return (negative ? "-" : "") + (whole.Length == 0 ? "0" : whole) + (fraction.Length > 0 ? "." + fraction : "");
    }

    [Fact]
    public void Empty_and_blank_values_are_null_and_fail_only_when_required()
    {
        Assert.Equal([null, null], Type(new ColumnContract { Type = "int" }, "  "));
        Assert.Equal("c: required value is missing", Type(new ColumnContract { Type = "int", Required = true }, "")[1]);
    }

    [Theory]
    [InlineData("2019-01-12 12:17:19", "2019-01-12 12:17:19")]
    [InlineData("2019-01-12 12:17", "2019-01-12 12:17:00")]
    public void Timestamps_parse_with_and_without_seconds(string value, string expected)
    {
        var row = Type(new ColumnContract { Type = "timestamp", Format = "%Y-%m-%d %H:%M:%S" }, value);

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), row[0]);
    }

    [Fact]
    public void Booleans_come_from_the_contracts_words_only()
    {
        var column = new ColumnContract { Type = "boolean", TrueValues = ["Y"], FalseValues = ["N"] };

        Assert.Equal(true, Type(column, "Y")[0]);
        Assert.Equal(false, Type(column, "N")[0]);
        Assert.Equal("c: 'yes' is not a boolean (true: Y, false: N)", Type(column, "yes")[1]);
    }

    [Fact]
    public void Dates_use_their_format()
    {
        var row = Type(new ColumnContract { Type = "date", Format = "%d/%m/%Y" }, "25/11/2026");

        Assert.Equal(new DateOnly(2026, 11, 25), row[0] is DateOnly date ? date : DateOnly.FromDateTime((DateTime)row[0]!));
    }

    [Fact]
    public void Year_and_month_partitions_are_ints_as_on_spark()
    {
        var contract = new DatasetContract
        {
            Name = "t",
            Columns = [new ColumnContract { Name = "at", Source = "src", Type = "timestamp" }],
            Partitioning = [new PartitionContract { Name = "y", Column = "at", Transform = "year" }, new PartitionContract { Name = "m", Column = "at", Transform = "month" }],
        };
        var sql = new DuckDbTypingPlanRenderer().RenderSelect(ContractCompiler.Compile(contract), "(SELECT '2019-03-01 10:00:00' AS src)", new HashSet<string>(["src"], StringComparer.OrdinalIgnoreCase), []);
        using var duck = DuckSession.Open();

        Assert.Equal(["INTEGER", "INTEGER"], duck.Rows($"SELECT typeof(y), typeof(m) FROM ({sql})").Single());
    }

    [Fact]
    public void An_offset_converts_to_utc_in_a_session_pinned_to_utc()
    {
        // The machine's zone must not matter: a bare time is read as UTC, like the Glue job's Spark session does.
        using (var duck = DuckSession.Open()) Assert.Equal("UTC", duck.Scalar<string>("SELECT current_setting('TimeZone')"));

        Assert.Equal(new DateTime(2019, 1, 12, 7, 17, 19), Type(new ColumnContract { Type = "timestamp" }, "2019-01-12 12:17:19+05:00")[0]);
        Assert.Equal(new DateTime(2019, 1, 12, 12, 17, 19), Type(new ColumnContract { Type = "timestamp" }, "2019-01-12 12:17:19")[0]);
    }
}
