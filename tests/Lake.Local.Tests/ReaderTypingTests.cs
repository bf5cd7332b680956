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

    // The characters of plain numbers, then others: the texts PlainColumnScan lets through, whatever they are made of,
    // must read alike.
    private const string Fuzz = "0123456789+-. e_\tx,";

    // A double's characters, then others DuckDB's reader or cast may read (NaN, inf, separators).
    private const string DoubleFuzz = "0123456789+-.eE NaIinf_\tx";

    [Theory]
    [InlineData("int")]
    [InlineData("bigint")]
    [InlineData("decimal(10,2)")]
    [InlineData("decimal(5,3)")]
    [InlineData("decimal(18,0)")]
    [InlineData("double")]
    [InlineData("timestamp")]
    public void Every_plain_text_the_reader_accepts_the_plan_types_to_the_same_value(string type)
    {
        var contract = TargetType.Parse(type);
        var column = new PlannedColumn("v", "v", contract, contract.Kind == TypeKind.Timestamp ? ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] : [], false, null, null, null);
        var kind = ReaderTyping.Kind(column)!.Value;
        var random = new Random(18);
        var texts = contract.Kind switch
        {
            TypeKind.Timestamp => TimestampTexts(random),
            TypeKind.Double => DoubleTexts(random),
            _ => NumberTexts(random),
        };
        var plain = texts.Where(t => PlainColumnScan.IsPlain(Encoding.ASCII.GetBytes(t), kind, ReaderTyping.Limit(contract))).Distinct().ToList();

        using var dir = new TempDir();
        var csv = Path.Combine(dir.Path, "values.csv");
        File.WriteAllText(csv, "k,v\n" + string.Concat(plain.Select((t, i) => $"{i},{t}\n")));
        using var duck = DuckSession.Open(threads: 1);
        var read = $"read_csv({Sql.Literal(csv)}, header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', strict_mode = true";
        var byReader = duck.Rows($"SELECT k, CAST(v AS VARCHAR) FROM {read}, columns = {{'k': 'VARCHAR', 'v': {Sql.Literal(ReaderTyping.ReaderType(contract))}}}, ignore_errors = true)")
            .ToDictionary(r => int.Parse((string)r[0]!, CultureInfo.InvariantCulture), r => (string?)r[1]);
        var plan = new TypingPlan("values", "csv", [column], []);
        var typed = DuckDbTypingPlanRenderer.Instance.RenderSelect(plan, $"{read}, columns = {{'k': 'VARCHAR', 'v': 'VARCHAR'}})", new HashSet<string>(["v"]), ["k"]);
        var byPlan = duck.Rows($"SELECT k, CAST(v AS VARCHAR), {Sql.Ident(TypingPlan.ReasonColumn)} FROM ({typed})")
            .ToDictionary(r => int.Parse((string)r[0]!, CultureInfo.InvariantCulture), r => r[2] is null ? (string?)r[1] ?? "NULL" : "quarantined");

        Assert.True(byReader.Count > 100 && texts.Distinct().Count() - plain.Count > 100, $"the fuzz must reach texts the scan lets through ({byReader.Count} read) and texts it stops ({texts.Distinct().Count() - plain.Count})");
        var differences = byReader.Where(r => byPlan[r.Key] != (r.Value ?? "NULL")).Select(r => $"'{plain[r.Key]}': the reader reads {r.Value ?? "NULL"}, the typing plan {byPlan[r.Key]}").ToList();
        Assert.True(differences.Count == 0, $"as {type}: {string.Join("; ", differences.Take(20))}");
    }

    private static List<string> NumberTexts(Random random)
    {
        var texts = new List<string> { "", "007", " 12 ", "+5", "-0", "1.5", "1.005", "-1.115", ".5", "5.", ".", "+.5", "1.2.3", "--1", "+-1", "1-", "2147483648", "9223372036854775808", "99999999.995", "12345678901.5", "1 2", "  " };
        // Digits beyond the scale, which the reader rounds and the plan refuses, and trailing zeros, which change nothing.
        texts.AddRange(["1.235", "1.999", "0.005", "0.0000000001", "1.2300000000000000000000001", "-.0051", "1.230", "1.2300000000000000000000000", "5.000", ".100", "-0.000", "7.0", "7.01", "12.3450", "1.23450"]);
        for (var i = 0; i < 4000; i++)
            texts.Add(new string(Enumerable.Range(0, random.Next(0, 14)).Select(_ => Fuzz[random.Next(i % 2 == 0 ? 14 : Fuzz.Length)]).ToArray()));
        return texts;
    }

    private static List<string> DoubleTexts(Random random)
    {
        var texts = new List<string> { "", "0", "-0", "+0.0", "1e3", "1E+03", "1e-05", "5.e2", ".5e1", "1e", "e5", "1e+", "1e99", "9.99e99", "1e100", "1e308", "1e309", "1e400", "-1e400",
            "4.9e-324", "1e-400", "NaN", "nan", "inf", "-Infinity", "1_000", "0x1F", " 2.5 ", "\t2.5", "12345678901234567890123456789012345678.5", "1.7976931348623157e308",
            "0.1", "0.30000000000000004", "123456789012345678", "9007199254740993", "2.2250738585072011e-308", "  " };
        for (var i = 0; i < 4000; i++)
            texts.Add(new string(Enumerable.Range(0, random.Next(0, 16)).Select(_ => DoubleFuzz[random.Next(i % 2 == 0 ? 15 : DoubleFuzz.Length)]).ToArray()));
        // Long mantissas with exponents near the edges: every digit must round as the plan's cast rounds it.
        for (var i = 0; i < 1000; i++)
            texts.Add($"{(random.Next(3) == 0 ? "-" : "")}{random.NextInt64():D}{(random.Next(2) == 0 ? "." + random.NextInt64().ToString(CultureInfo.InvariantCulture) : "")}e{(random.Next(2) == 0 ? "-" : "")}{random.Next(0, 100)}");
        return texts;
    }

    // Near-timestamps: each field in and just out of its range, written full width or not, with the other forms DuckDB's
    // reader reads (a T, fractions, a zone, padding, a date alone).
    private static List<string> TimestampTexts(Random random)
    {
        var texts = new List<string> { "", "  ", "2019-01-01 00:00:00", " 2019-01-01 00:00:00 ", "2019-02-29 10:00:00", "2020-02-29 10:00:00", "1900-02-29 00:00:00", "2000-02-29 00:00:00",
            "0000-01-01 00:00:00", "0001-01-01 00:00:00", "9999-12-31 23:59:59", "2019-01-01T00:00:00", "2019-01-01 24:00:00", "2019-01-01 23:60:00", "2019-01-01 23:59:60",
            "2019-1-5 10:00:00", "2019-01-01", "2019-01-01 10:00", "2019-01-01 10:0", "2019-01-01 10", "2019-01-01 10:00:", "2019-01-01 10:00:00.5", "2019-01-01 10:00:00Z", "2019-01-01 10:00:00+01:00", "\t2019-01-01 10:00:00", "12019-01-01 10:00:00", "infinity", "epoch" };
        string Two(int value) => random.Next(8) == 0 ? value.ToString(CultureInfo.InvariantCulture) : value.ToString("D2", CultureInfo.InvariantCulture);
        for (var i = 0; i < 4000; i++)
        {
            var year = random.Next(5) switch { 0 => random.Next(0, 10000), 1 => random.Next(0, 3), 2 => 9999, _ => random.Next(1899, 2101) };
            var text = $"{year.ToString(random.Next(8) == 0 ? "D" : "D4", CultureInfo.InvariantCulture)}-{Two(random.Next(0, 14))}-{Two(random.Next(0, 33))}{(random.Next(10) == 0 ? 'T' : ' ')}{Two(random.Next(0, 25))}:{Two(random.Next(0, 61))}";
            if (random.Next(4) != 0) text += $":{Two(random.Next(0, 61))}";
            text += random.Next(12) switch { 0 => ".123", 1 => "Z", 2 => "+02:00", _ => "" };
            texts.Add(random.Next(10) == 0 ? $" {text} " : text);
        }
        return texts;
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
    public async Task A_clean_tripdata_file_with_every_plain_form_takes_the_fast_path_types_times_and_doubles_in_the_reader_and_gives_the_same_lake()
    {
        var (fast, split, columns) = await AssertSamePaths(Repo.Path("datasets"), Tripdata, Tripdata_rows(seed: 1, Faults.None));
        Assert.Equal((1, 0), (fast, split));
        Assert.Superset(new HashSet<string> { "pickup_at", "dropoff_at", "trip_distance_miles", "passenger_count", "total_amount" }, columns.ToHashSet());
    }

    [Fact]
    public async Task A_clean_file_with_doubles_beyond_the_plain_ones_still_takes_the_fast_path_with_the_plan_typing_its_doubles()
    {
        var (fast, split, columns) = await AssertSamePaths(Repo.Path("datasets"), Tripdata, Tripdata_rows(seed: 4, Faults.LongExponents));
        Assert.Equal((1, 0), (fast, split));
        Assert.DoesNotContain("trip_distance_miles", columns);
        Assert.Contains("pickup_at", columns);
    }

    [Theory]
    [InlineData(Faults.Others)]
    [InlineData(Faults.Doubles)]
    public async Task A_file_whose_bad_values_the_scan_cannot_see_leaves_the_fast_path_at_its_first_bad_row_and_keeps_every_reason(Faults faults)
    {
        // A flag that is neither Y nor N, a double the plan refuses ('NaN'): the reader's statement stops at the row.
        var (fast, _, _) = await AssertSamePaths(Repo.Path("datasets"), Tripdata, Tripdata_rows(seed: 3, faults));
        Assert.Equal(0, fast);
    }

    [Theory]
    [InlineData(Faults.MissingTime)]
    [InlineData(Faults.MissingNumber)]
    [InlineData(Faults.Numbers)]
    [InlineData(Faults.Times)]
    [InlineData(Faults.Places)]
    [InlineData(Faults.Numbers | Faults.Times | Faults.Places | Faults.MissingTime)]
    public async Task A_file_whose_bad_lines_the_scan_finds_is_split_the_reader_types_the_rest_and_every_reason_and_line_is_kept(Faults faults)
    {
        var (fast, split, _) = await AssertSamePaths(Repo.Path("datasets"), Tripdata, Tripdata_rows(seed: 2, faults));
        Assert.Equal((1, 1), (fast, split));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("mixed")]
    public async Task A_split_file_with_quoted_values_blank_lines_a_stray_quote_and_any_line_end_gives_the_same_rows_lines_and_reasons(string lineEnd)
    {
        // Quoted values send their lines to the text path; blank lines and a line the audit takes out (its quote never
        // closes on it) move the data rows off the lines; each must still be named by its own line and data row.
        var lines = Tripdata_rows(seed: 6, Faults.Numbers | Faults.Times).TrimEnd('\n').Split('\n').ToList();
        for (var i = 1; i < lines.Count; i += 97) lines[i] = lines[i].Replace(",N,", ",\"N\",", StringComparison.Ordinal).Replace(",Y,", ",\" Y\",", StringComparison.Ordinal);
        for (var i = 50; i < lines.Count; i += 401) lines.Insert(i, "");
        lines.Insert(1500, "1,\"2019-01-01 00:00:00,oops");
        lines.Insert(2, "");
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
            text.Append(lines[i]).Append(lineEnd == "mixed" ? (i % 5 == 0 ? "\r\n" : "\n") : lineEnd);

        var (fast, split, _) = await AssertSamePaths(Repo.Path("datasets"), Tripdata, text.ToString());
        Assert.Equal((1, 1), (fast, split));
    }

    [Fact]
    public async Task A_file_with_a_quoted_value_over_two_lines_is_not_split_since_its_lines_are_not_its_records()
    {
        var lines = Tripdata_rows(seed: 7, Faults.Numbers).TrimEnd('\n').Split('\n').ToList();
        lines[10] = lines[10].Replace(",N,", ",\"N\nN\",", StringComparison.Ordinal).Replace(",Y,", ",\"Y\nY\",", StringComparison.Ordinal);
        var (_, split, _) = await AssertSamePaths(Repo.Path("datasets"), Tripdata, string.Join('\n', lines) + "\n");
        Assert.Equal(0, split);
    }

    private static readonly DatasetContract Tripdata = ContractLoader.LoadFile(Repo.Path("datasets", "tripdata.json"));

    private const string TripHeader = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge";

    [Flags]
    public enum Faults
    {
        None = 0,
        Numbers = 1,
        Times = 2,
        Doubles = 4,
        Others = 8,
        LongExponents = 16,
        MissingTime = 32,
        MissingNumber = 64,
        Places = 128,
    }

    // Good forms (padding, signs, leading zeros, trailing zeros, doubles that round, a bare point, exponents, leap days, the calendar's ends); then,
    // on dirty files, texts DuckDB's reader reads and the plan refuses, or other faults: a required value missing (the
    // reader reads it as NULL, and only the fast path's own check makes it a bad row), a flag that is neither Y nor N.
    private static readonly string[] GoodInts = ["1", "007", "+5", "-0", " 12 ", "999999999", ""];
    private static readonly string[] GoodDecimals = ["12.50", "1.230", "-1.1100000", ".5", "5.", "+.5", " 3.25 ", "0", "99999999.99", ""];
    // '2147483647' is an int, but ten digits are more than the scan lets the reader type: its line goes to the text path.
    private static readonly string[] BadNumbers = ["2147483647", "1.5", "1e3", "1_000", "0x1F", "12\t", "2147483648", "99999999.995", " ", "+-1", "1.2.3"];
    // Alone in a file, digits beyond a decimal's scale: the reader would read them rounded, with nothing else to stop it.
    private static readonly string[] BadPlaces = ["1.005", "-1.115", "0.0000000001", "1.2300000000000000000000001"];
    private static readonly string[] GoodTimes = [" 2019-03-04 05:06:07 ", "2019-03-04 05:06", "2020-02-29 23:59:59", "0001-01-01 00:00:00", "9999-12-31 23:59:59", "2000-02-29 00:00:00"];
    private static readonly string[] BadTimes = ["2019-1-5 10:00:00", "2019-02-29 10:00:00", "2019-01-01T00:00:00", "2019-01-01 24:00:00", "2019-01-01 10:00:00.5", "2019-01-01", "2019-01-01 10:00:00Z", "0000-01-01 00:00:00", "1900-02-29 00:00:00", "2019-01-01 10:0"];
    // No '-0': DuckDB's Parquet writer merges -0.0 and 0.0 into one dictionary entry, the one it meets first, so the
    // sign a file keeps depends on the row order, on either path.
    private static readonly string[] GoodDoubles = ["2.5", "0", "1e3", "1.5E-2", " 3.25 ", ".5", "5.", "+7", "12345678901234567890.5", "0.30000000000000004", "9.99e99", ""];
    private static readonly string[] LongExponents = ["1e300", "2.5e-300", "1E+100"];
    private static readonly string[] BadDoubles = ["NaN", "inf", "Infinity", "1e400", "1_000", "0x1F", "1.2.3", "--1", "1e", "\t2.5"];

    private static string Tripdata_rows(int seed, Faults faults)
    {
        var random = new Random(seed);
        string Pick(string[] good, string[] bad, Faults fault) => faults.HasFlag(fault) && random.Next(40) == 0 ? bad[random.Next(bad.Length)] : good[random.Next(good.Length)];
        var text = new StringBuilder(TripHeader).Append('\n');
        for (var i = 0; i < 3000; i++)
        {
            string Int() => Pick(GoodInts, BadNumbers, Faults.Numbers);
            string Dec() => faults.HasFlag(Faults.Places) && random.Next(40) == 0 ? BadPlaces[random.Next(BadPlaces.Length)] : Pick(GoodDecimals, BadNumbers, Faults.Numbers);
            string Time(DateTime at) => random.Next(10) == 0 ? Pick(GoodTimes, BadTimes, Faults.Times) : at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            string Double() => faults.HasFlag(Faults.LongExponents) && random.Next(100) == 0 ? LongExponents[random.Next(LongExponents.Length)] : Pick(GoodDoubles, BadDoubles, Faults.Doubles);
            string Required(string value) => value.Trim().Length == 0 ? "1" : value;
            var pickup = new DateTime(2019, 1, 1).AddMinutes(random.Next(0, 525_600));
            var fault = faults.HasFlag(Faults.Others) ? random.Next(120)
                : random.Next(200) != 0 ? -1
                : faults.HasFlag(Faults.MissingTime) ? 0 : faults.HasFlag(Faults.MissingNumber) ? 2 : -1;
            text.Append(Int()).Append(',').Append(Time(pickup)).Append(',')
                .Append(fault == 0 ? "" : Time(pickup.AddMinutes(17))).Append(',')
                .Append(Int()).Append(',').Append(Double()).Append(',').Append(Int()).Append(',').Append(fault == 1 ? "X" : random.Next(2) == 0 ? "Y" : "N").Append(',')
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

    /// <summary>Ingests the file into two lakes, fast path on and off, and compares them; returns how many objects the fast path typed, how many of them it split, and the columns its reader typed.</summary>
    private static async Task<(int Fast, int Split, IReadOnlyList<string> Columns)> AssertSamePaths(string contractDir, DatasetContract contract, string csv)
    {
        using var dir = new TempDir();
        var contracts = Path.Combine(dir.Path, "contracts");
        Directory.CreateDirectory(contracts);
        File.Copy(Path.Combine(contractDir, contract.Name + ".json"), Path.Combine(contracts, contract.Name + ".json"));
        var input = Path.Combine(dir.Path, "input.csv");
        await File.WriteAllTextAsync(input, csv, TestContext.Current.CancellationToken);

        var lakes = new List<(RunSummary Run, List<string> Rows, List<string> Quarantine, int Fast, int Split, IReadOnlyList<string> Columns)>();
        foreach (var readerTyping in new[] { true, false })
        {
            var root = LakeRoot.Init(Path.Combine(dir.Path, readerTyping ? "fast" : "text"), contracts);
            var pipeline = new LocalPipeline(root, TextWriter.Null, new FakeTimeProvider(TestLake.Now) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) }, retryDelay: TimeSpan.Zero, readerTyping: readerTyping);
            await pipeline.IngestAsync([input], contract.Name, TestContext.Current.CancellationToken);
            await pipeline.DrainAsync(TestContext.Current.CancellationToken);
            var run = Assert.Single(pipeline.Runs);
            TestLake.AssertBalanced(run);
            lakes.Add((run, ProcessedRows(root, contract.Name), QuarantineReader.Records(root, contract.Name).Select(r => r.GetRawText()).ToList(), pipeline.Engine.ObjectsTypedInReader, pipeline.Engine.ObjectsSplit, pipeline.Engine.ColumnsTypedInReader));
        }
        var (fast, text) = (lakes[0], lakes[1]);
        Assert.Equal(0, text.Fast);
        Assert.Equal((text.Run.RowsIn, text.Run.RowsOut, text.Run.RowsQuarantined), (fast.Run.RowsIn, fast.Run.RowsOut, fast.Run.RowsQuarantined));
        Assert.Equal(text.Rows, fast.Rows);
        Assert.Equal(text.Quarantine, fast.Quarantine);
        return (fast.Fast, fast.Split, fast.Columns);
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
