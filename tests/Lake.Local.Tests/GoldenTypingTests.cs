using System.Globalization;
using System.Text.Json;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Typing;

namespace SocarDataLake.Local.Tests;

/// <summary>
/// One typing plan, two renderings. Each case folder in tests/fixtures/typing holds a contract (<case>.json), raw rows (case.json) and the rows
/// it must type or quarantine: DuckDB runs every case here; the Spark SQL text is compared with the approved
/// file beside it (a mismatch writes spark.received.sql, which a reviewer renames to approve).
/// </summary>
public sealed class GoldenTypingTests
{
    private static readonly string CasesDir = Repo.Path("tests", "fixtures", "typing");

    public static TheoryData<string> Cases() => new(Directory.GetDirectories(CasesDir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void DuckDb_types_and_quarantines_each_case_as_expected(string name)
    {
        var golden = GoldenCase.Load(Path.Combine(CasesDir, name));
        var sql = DuckDbTypingPlanRenderer.Instance.RenderSelect(golden.Plan, "raw_rows", golden.PresentSources, ["__row"]);

        using var duck = DuckSession.Open(threads: 1);
        duck.Execute(golden.RawTableSql());
        // DuckDB's own text forms keep the expectations readable: 2019-01-12 12:17:19, 12.35, true.
        var rows = duck.Rows($"SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ({sql})").OrderBy(r => int.Parse((string)r[^1]!, CultureInfo.InvariantCulture)).ToList();
        var columns = golden.Plan.Columns.Select(c => c.Name).Concat(golden.Plan.Partitions.Select(p => p.Name)).ToList();

        var typed = rows.Where(r => r[columns.Count] is null).Select(r => columns.Select((c, i) => (string?)r[i]).ToList()).ToList();
        var quarantined = rows.Where(r => r[columns.Count] is not null).Select(r => (Row: int.Parse((string)r[^1]!, CultureInfo.InvariantCulture), Reason: (string)r[columns.Count]!)).ToList();

        Assert.Equal(golden.ExpectedRows.Select(e => columns.Select(c => e.GetValueOrDefault(c)).ToList()), typed);
        Assert.Equal(golden.ExpectedQuarantine, quarantined);
        Assert.Equal(golden.Rows.Count, typed.Count + quarantined.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spark_rendering_matches_the_approved_sql(string name)
    {
        var dir = Path.Combine(CasesDir, name);
        var golden = GoldenCase.Load(dir);
        var sql = SparkSqlTypingPlanRenderer.Instance.RenderSelect(golden.Plan, "raw_rows", golden.PresentSources, []) + "\n";
        var approved = Path.Combine(dir, "spark.approved.sql");
        var received = Path.Combine(dir, "spark.received.sql");

        if (File.Exists(approved) && File.ReadAllText(approved) == sql)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, sql);
        Assert.Fail($"The Spark SQL of case '{name}' differs from spark.approved.sql. Review {received} and rename it to spark.approved.sql to approve.");
    }

    [Theory]
    [InlineData("%Y-%m-%d %H:%M:%S", "yyyy-MM-dd HH:mm:ss")]
    [InlineData("%d/%m/%Y", "dd/MM/yyyy")]
    [InlineData("%Y-%m-%dT%H:%M:%S.%fZ", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")]
    [InlineData("%I:%M %p", "hh:mm a")]
    [InlineData("[%d/%b/%Y:%H:%M:%S %z]", "'['dd/MMM/yyyy:HH:mm:ss XX']'")]
    [InlineData("#%Y{%m}", "'#'yyyy'{'MM'}'")]
    [InlineData("at %H o'clock", "'at' HH 'o''clock'")]
    public void Strptime_formats_become_spark_datetime_patterns(string strptime, string spark) =>
        Assert.Equal(spark, SparkSqlTypingPlanRenderer.ToSparkPattern(strptime));

    [Fact]
    public void A_format_spark_cannot_express_is_refused_when_the_contract_loads()
    {
        var dir = Directory.CreateTempSubdirectory("contract-");
        var file = Path.Combine(dir.FullName, "weeks.json");
        File.WriteAllText(file, """{"name":"weeks","format":{"type":"csv"},"columns":[{"name":"at","source":"at","type":"date","format":"%Y-%U"}]}""");

        var error = Assert.Throws<ContractException>(() => ContractLoader.LoadFile(file));

        Assert.Equal("columns[0].format", error.Field);
        Assert.Contains("%U has no Spark equivalent", error.Message, StringComparison.Ordinal);
        dir.Delete(true);
    }

    [Fact]
    public void Spark_literals_escape_quotes_and_backslashes()
    {
        Assert.Equal(@"'it\'s a \\ path'", SparkSqlTypingPlanRenderer.Instance.Literal(@"it's a \ path"));
        Assert.Equal("`odd``name`", SparkSqlTypingPlanRenderer.Instance.Ident("odd`name"));
    }

    private sealed record GoldenCase(TypingPlan Plan, List<Dictionary<string, string?>> Rows, List<Dictionary<string, string?>> ExpectedRows, List<(int Row, string Reason)> ExpectedQuarantine)
    {
        public IReadOnlySet<string> PresentSources { get; } = Rows.SelectMany(r => r.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);

        public static GoldenCase Load(string dir)
        {
            var plan = ContractCompiler.Compile(ContractLoader.LoadFile(Path.Combine(dir, Path.GetFileName(dir) + ".json")));
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
            var root = doc.RootElement;
            return new GoldenCase(
                plan,
                Objects(root.GetProperty("rows")),
                Objects(root.GetProperty("expected_rows")),
                root.GetProperty("expected_quarantine").EnumerateArray().Select(q => (q.GetProperty("row").GetInt32(), q.GetProperty("reason").GetString()!)).ToList());
        }

        private static List<Dictionary<string, string?>> Objects(JsonElement array) =>
            array.EnumerateArray().Select(o => o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString())).ToList();

        /// <summary>The raw rows as an all-text table, as a crawler-less reader sees them, numbered from 0.</summary>
        public string RawTableSql()
        {
            var columns = PresentSources.Order(StringComparer.Ordinal).ToList();
            var values = Rows.Select((r, i) => "(" + string.Join(", ", columns.Select(c => r.TryGetValue(c, out var v) && v is not null ? $"CAST({Sql.Literal(v)} AS VARCHAR)" : "CAST(NULL AS VARCHAR)").Prepend(i.ToString(CultureInfo.InvariantCulture))) + ")");
            return $"CREATE TABLE raw_rows AS SELECT * FROM (VALUES {string.Join(", ", values)}) AS t(__row, {string.Join(", ", columns.Select(Sql.Ident))})";
        }
    }
}
