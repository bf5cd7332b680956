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
    [InlineData("decimal(10,2)", "12.345", "12.35", null)]
    [InlineData("decimal(10,2)", " 7 ", "7.00", null)]
    [InlineData("decimal(4,2)", "123.45", null, "c: '123.45' is not a decimal(4,2) (not a number, or too many digits)")]
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
