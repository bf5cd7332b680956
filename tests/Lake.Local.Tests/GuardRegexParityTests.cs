using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Typing;

namespace SocarDataLake.Local.Tests;

/// <summary>
/// The Spark rendering guards its casts with java.util.regex (rlike), the DuckDB rendering with RE2: on every raw
/// value of the golden cases both engines' regex must give the same verdict. No Spark here, but a JVM runs the very
/// call Spark's RLike makes; without a JDK on PATH the test is skipped.
/// </summary>
public sealed partial class GuardRegexParityTests
{
    // Pattern.compile(regex).matcher(text).find(0), as Spark 3.5's RLike evaluates; one base64 pair per line.
    private const string JavaRLike = """
        import java.nio.charset.StandardCharsets; import java.nio.file.*; import java.util.Base64; import java.util.regex.Pattern;
        public class RLike {
          public static void main(String[] args) throws Exception {
            var decode = Base64.getDecoder();
            for (String line : Files.readAllLines(Path.of(args[0]))) {
              String[] p = line.split(" ", -1);
              String regex = new String(decode.decode(p[0]), StandardCharsets.UTF_8), text = new String(decode.decode(p[1]), StandardCharsets.UTF_8);
              System.out.println(Pattern.compile(regex).matcher(text).find(0));
            }
          }
        }
        """;

    [Fact]
    public void Java_regex_and_re2_accept_the_same_golden_values()
    {
        var java = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(d => Path.Combine(d, "java")).FirstOrDefault(File.Exists);
        if (java is null) Assert.Skip("no JDK on PATH to run java.util.regex");
        var pairs = GuardedValues().ToList();
        Assert.True(pairs.Count > 100, $"only {pairs.Count} guarded golden values found");

        using var duck = DuckSession.Open(threads: 1);
        var re2 = pairs.Select(p => duck.Scalar<bool>($"SELECT regexp_full_match({Sql.Literal(p.Text)}, {Sql.Literal(Core(p.SparkRegex))})")).ToList();
        var jvm = RunJava(java, pairs);

        var differ = pairs.Where((p, i) => re2[i] != jvm[i]).Select(p => $"{p.SparkRegex} on '{p.Text}'").ToList();
        Assert.True(differ.Count == 0, "RE2 and java.util.regex disagree: " + string.Join("; ", differ));
    }

    // The regex each column's rlike carries in the approved Spark SQL, with the value as Spark's TRIM leaves it.
    private static IEnumerable<(string SparkRegex, string Text)> GuardedValues()
    {
        var seen = new HashSet<(string, string)>();
        foreach (var dir in Directory.GetDirectories(Repo.Path("tests", "fixtures", "typing")).Order(StringComparer.Ordinal))
        {
            var contract = ContractLoader.LoadFile(Path.Combine(dir, Path.GetFileName(dir) + ".json"));
            var sql = File.ReadAllText(Path.Combine(dir, "spark.approved.sql"));
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
            foreach (Match m in RLike().Matches(sql))
            {
                var column = contract.Columns.Single(c => c.Name == m.Groups["column"].Value);
                var regex = Regex.Replace(m.Groups["literal"].Value, @"\\(.)", "$1");
                foreach (var row in doc.RootElement.GetProperty("rows").EnumerateArray())
                {
                    if (!row.TryGetProperty(column.Source, out var raw) || raw.ValueKind != JsonValueKind.String) continue;
                    var text = raw.GetString()!.Trim(' ');
                    if (text.Length > 0 && seen.Add((regex, text))) yield return (regex, text);
                }
            }
        }
    }

    private static string Core(string sparkRegex)
    {
        Assert.True(sparkRegex.StartsWith("^(?:", StringComparison.Ordinal) && sparkRegex.EndsWith(@")\z", StringComparison.Ordinal), sparkRegex);
        return sparkRegex[4..^3];
    }

    private static List<bool> RunJava(string java, List<(string SparkRegex, string Text)> pairs)
    {
        var dir = Directory.CreateTempSubdirectory("rlike-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "RLike.java"), JavaRLike);
            File.WriteAllLines(Path.Combine(dir, "pairs.txt"), pairs.Select(p => $"{B64(p.SparkRegex)} {B64(p.Text)}"));
            var start = new ProcessStartInfo(java, [Path.Combine(dir, "RLike.java"), Path.Combine(dir, "pairs.txt")]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"java failed: {error}");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(bool.Parse).ToList();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [GeneratedRegex(@"`__v_(?<column>\w+)` rlike '(?<literal>(?:[^'\\]|\\.)*)'")]
    private static partial Regex RLike();
}
