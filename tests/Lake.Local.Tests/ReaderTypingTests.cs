using System.Globalization;
using System.Text;
using System.Text.Json;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Triggers;
using SocarDataLake.Core.Typing;

namespace SocarDataLake.Local.Tests;

/// <summary>
/// The fast path (DuckDB's CSV reader types plain number columns of an all-good object) must give exactly what typing
/// every value from its text gives: the same Parquet rows and types, the same quarantine records byte for byte, the same
/// counts. Each file goes through both paths and the lakes are compared.
/// </summary>
public sealed class ReaderTypingTests
{
    private static readonly string CasesDir = Repo.Path("tests", "fixtures", "typing");

    // The characters of plain numbers, then others: the texts NumberColumnScan lets through, whatever they are made of,
    // must read alike.
    private const string Fuzz = "0123456789+-. e_\tx,";

    [Theory]
    [InlineData("int")]
    [InlineData("bigint")]
    [InlineData("decimal(10,2)")]
    [InlineData("decimal(5,3)")]
    [InlineData("decimal(18,0)")]
    public void Every_plain_number_text_the_reader_accepts_the_plan_types_to_the_same_value(string type)
    {
        var contract = TargetType.Parse(type);
        var isDecimal = contract.Kind == TypeKind.Decimal;
        var random = new Random(18);
        var texts = new List<string> { "", "007", " 12 ", "+5", "-0", "1.5", "1.005", "-1.115", ".5", "5.", ".", "+.5", "1.2.3", "--1", "+-1", "1-", "2147483648", "9223372036854775808", "99999999.995", "12345678901.5", "1 2", "  " };
        for (var i = 0; i < 4000; i++)
            texts.Add(new string(Enumerable.Range(0, random.Next(0, 14)).Select(_ => Fuzz[random.Next(i % 2 == 0 ? 14 : Fuzz.Length)]).ToArray()));
        var plain = texts.Where(t => NumberColumnScan.IsPlain(Encoding.ASCII.GetBytes(t), isDecimal)).Distinct().ToList();

        using var dir = new TempDir();
        var csv = Path.Combine(dir.Path, "values.csv");
        File.WriteAllText(csv, "k,v\n" + string.Concat(plain.Select((t, i) => $"{i},{t}\n")));
        using var duck = DuckSession.Open(threads: 1);
        var read = $"read_csv({Sql.Literal(csv)}, header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', strict_mode = true";
        var byReader = duck.Rows($"SELECT k, CAST(v AS VARCHAR) FROM {read}, columns = {{'k': 'VARCHAR', 'v': {Sql.Literal(ReaderTyping.ReaderType(contract))}}}, ignore_errors = true)")
            .ToDictionary(r => int.Parse((string)r[0]!, CultureInfo.InvariantCulture), r => (string?)r[1]);
        var plan = new TypingPlan("values", "csv", [new PlannedColumn("v", "v", contract, [], false, null, null, null)], []);
        var typed = DuckDbTypingPlanRenderer.Instance.RenderSelect(plan, $"{read}, columns = {{'k': 'VARCHAR', 'v': 'VARCHAR'}})", new HashSet<string>(["v"]), ["k"]);
        var byPlan = duck.Rows($"SELECT k, CAST(v AS VARCHAR), {Sql.Ident(TypingPlan.ReasonColumn)} FROM ({typed})")
            .ToDictionary(r => int.Parse((string)r[0]!, CultureInfo.InvariantCulture), r => r[2] is null ? (string?)r[1] ?? "NULL" : "quarantined");

        Assert.True(byReader.Count > 100 && texts.Distinct().Count() - plain.Count > 100, "the fuzz must reach texts the scan lets through and texts it stops");
        var differences = byReader.Where(r => byPlan[r.Key] != (r.Value ?? "NULL")).Select(r => $"'{plain[r.Key]}': the reader reads {r.Value ?? "NULL"}, the typing plan {byPlan[r.Key]}").ToList();
        Assert.True(differences.Count == 0, $"as {type}: {string.Join("; ", differences.Take(20))}");
    }

    public static TheoryData<string> Cases() => new(Directory.GetDirectories(CasesDir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_golden_case_gives_the_same_rows_and_reasons_on_both_paths(string name)
    {
        var dir = Path.Combine(CasesDir, name);
        var contract = ContractLoader.LoadFile(Path.Combine(dir, name + ".json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().Select(o => o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString())).ToList();
        var bad = doc.RootElement.GetProperty("expected_quarantine").EnumerateArray().Select(q => q.GetProperty("row").GetInt32()).ToHashSet();
        var columns = rows.SelectMany(r => r.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // The whole case (its bad rows send the object down the text path) and its good rows alone (the fast path).
        await AssertSamePaths(dir, contract, Csv(columns, rows));
        var good = rows.Where((_, i) => !bad.Contains(i)).ToList();
        if (good.Count > 0) await AssertSamePaths(dir, contract, Csv(columns, good));
    }

    [Fact]
    public async Task A_clean_tripdata_file_with_every_plain_number_form_takes_the_fast_path_and_gives_the_same_lake()
    {
        var fast = await AssertSamePaths(Repo.Path("datasets"), Tripdata, Tripdata_rows(seed: 1, badNumbers: false, badOthers: false));
        Assert.Equal(1, fast);
    }

    [Fact]
    public async Task A_file_of_plain_numbers_with_other_bad_values_leaves_the_fast_path_at_its_first_bad_row_and_keeps_every_reason()
    {
        var fast = await AssertSamePaths(Repo.Path("datasets"), Tripdata, Tripdata_rows(seed: 3, badNumbers: false, badOthers: true));
        Assert.Equal(0, fast);
    }

    [Fact]
    public async Task A_tripdata_file_with_bad_numbers_is_typed_from_text_and_keeps_every_reason()
    {
        var fast = await AssertSamePaths(Repo.Path("datasets"), Tripdata, Tripdata_rows(seed: 2, badNumbers: true, badOthers: false));
        Assert.Equal(0, fast);
    }

    private static readonly DatasetContract Tripdata = ContractLoader.LoadFile(Repo.Path("datasets", "tripdata.json"));

    private const string TripHeader = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge";

    // Good forms of numbers (padding, signs, leading zeros, rounding, a bare point); then, on dirty files, texts DuckDB's
    // reader reads as numbers and the plan refuses, or other faults: a required number missing, a time that is none, a
    // flag that is neither Y nor N.
    private static readonly string[] GoodInts = ["1", "007", "+5", "-0", " 12 ", "2147483647", ""];
    private static readonly string[] GoodDecimals = ["12.50", "1.005", "-1.115", ".5", "5.", "+.5", " 3.25 ", "0", "99999999.99", ""];
    private static readonly string[] BadNumbers = ["1.5", "1e3", "1_000", "0x1F", "12\t", "2147483648", "99999999.995", " ", "+-1", "1.2.3"];

    private static string Tripdata_rows(int seed, bool badNumbers, bool badOthers)
    {
        var bad = badNumbers;
        var random = new Random(seed);
        var text = new StringBuilder(TripHeader).Append('\n');
        for (var i = 0; i < 3000; i++)
        {
            string Int() => bad && random.Next(40) == 0 ? BadNumbers[random.Next(BadNumbers.Length)] : GoodInts[random.Next(GoodInts.Length)];
            string Dec() => bad && random.Next(40) == 0 ? BadNumbers[random.Next(BadNumbers.Length)] : GoodDecimals[random.Next(GoodDecimals.Length)];
            string Required(string value) => value.Trim().Length == 0 ? "1" : value;
            var pickup = new DateTime(2019, 1, 1).AddMinutes(random.Next(0, 525_600));
            var fault = badOthers ? random.Next(120) : -1;
            text.Append(Int()).Append(',').Append(fault == 0 ? "2019-02-30 10:00:00" : pickup.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(pickup.AddMinutes(17).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(Int()).Append(',').Append("2.5").Append(',').Append(Int()).Append(',').Append(fault == 1 ? "X" : random.Next(2) == 0 ? "Y" : "N").Append(',')
                .Append(fault == 2 ? "" : Required(Int())).Append(',').Append(Required(Int())).Append(',').Append(Int());
            for (var d = 0; d < 7; d++) text.Append(',').Append(d == 6 ? (fault == 3 ? "" : Required(Dec())) : Dec());
            text.Append(',').Append(Dec()).Append('\n');
        }
        return text.ToString();
    }

    private static string Csv(List<string> columns, List<Dictionary<string, string?>> rows)
    {
        static string Field(string? v) => v is null ? "" : v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
        return string.Join(",", columns) + "\n" + string.Concat(rows.Select(r => string.Join(",", columns.Select(c => Field(r.GetValueOrDefault(c)))) + "\n"));
    }

    /// <summary>Ingests the file into two lakes, fast path on and off, and compares them; returns how many objects the fast path typed.</summary>
    private static async Task<int> AssertSamePaths(string contractDir, DatasetContract contract, string csv)
    {
        using var dir = new TempDir();
        var contracts = Path.Combine(dir.Path, "contracts");
        Directory.CreateDirectory(contracts);
        File.Copy(Path.Combine(contractDir, contract.Name + ".json"), Path.Combine(contracts, contract.Name + ".json"));
        var input = Path.Combine(dir.Path, "input.csv");
        await File.WriteAllTextAsync(input, csv, TestContext.Current.CancellationToken);

        var lakes = new List<(RunSummary Run, List<string> Rows, List<string> Quarantine, int Fast)>();
        foreach (var readerTyping in new[] { true, false })
        {
            var root = LakeRoot.Init(Path.Combine(dir.Path, readerTyping ? "fast" : "text"), contracts);
            var pipeline = new LocalPipeline(root, TextWriter.Null, new FakeTimeProvider(TestLake.Now) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) }, retryDelay: TimeSpan.Zero, readerTyping: readerTyping);
            await pipeline.IngestAsync([input], contract.Name, TestContext.Current.CancellationToken);
            await pipeline.DrainAsync(TestContext.Current.CancellationToken);
            var run = Assert.Single(pipeline.Runs);
            TestLake.AssertBalanced(run);
            lakes.Add((run, ProcessedRows(root, contract.Name), QuarantineReader.Records(root, contract.Name).Select(r => r.GetRawText()).ToList(), pipeline.Engine.ObjectsTypedInReader));
        }
        var (fast, text) = (lakes[0], lakes[1]);
        Assert.Equal(0, text.Fast);
        Assert.Equal((text.Run.RowsIn, text.Run.RowsOut, text.Run.RowsQuarantined), (fast.Run.RowsIn, fast.Run.RowsOut, fast.Run.RowsQuarantined));
        Assert.Equal(text.Rows, fast.Rows);
        Assert.Equal(text.Quarantine, fast.Quarantine);
        return fast.Fast;
    }

    // The files' column names and types, then every processed row as text with its partition values, sorted.
    private static List<string> ProcessedRows(LakeRoot root, string dataset)
    {
        var files = Directory.Exists(Path.Combine(root.ZonePath(Core.Zones.Zone.Processed), dataset))
            ? Directory.GetFiles(Path.Combine(root.ZonePath(Core.Zones.Zone.Processed), dataset), "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0) return [];
        using var duck = DuckSession.Open(threads: 1);
        var source = $"read_parquet([{string.Join(", ", files.Select(Sql.Literal))}], hive_partitioning = true)";
        var schema = duck.Rows($"SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE SELECT * FROM {source})").Single()[0]!.ToString()!;
        var rows = duck.Rows($"SELECT CAST(COLUMNS(*) AS VARCHAR) FROM {source}")
            .Select(r => string.Join("|", r.Select(v => v?.ToString() ?? "NULL"))).Order(StringComparer.Ordinal);
        return [schema, .. rows];
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("reader-typing-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
