using System.Net;
using System.Text.Json;
using SocarDataLake.LakeConsole.Local;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// A dashboard file that does not read is named with the field to fix, in GET /api/dashboards and when one of its
/// queries is asked for; the other files of the folder still work.
/// </summary>
public sealed class DashboardFileTests(ConsoleLake lake) : IAsyncLifetime
{
    private const string Good = """{ "title": "Good", "queries": [{ "name": "one", "title": "One", "sql": "SELECT 1 AS one" }] }""";

    private static readonly (string File, string Text, string Error)[] Broken =
    [
        ("syntax.json", "{\n  \"title\": \"x\",\n  \"queries\": [\n", "dashboards/syntax.json: line 4: not valid JSON"),
        ("no-queries.json", """{ "title": "x" }""", "dashboards/no-queries.json: queries is missing: give a list."),
        ("empty-queries.json", """{ "title": "x", "queries": [] }""", "dashboards/empty-queries.json: queries: the list is empty"),
        ("unknown-field.json", """{ "title": "x", "querys": [] }""", "dashboards/unknown-field.json: querys is not a field here: the fields are title, description, parameters, queries."),
        ("chart-type.json", """{ "title": "x", "queries": [{ "name": "a", "title": "A", "sql": "SELECT 1", "chart": { "type": "pie" } }] }""",
            "dashboards/chart-type.json: queries[0].chart.type is \"pie\": give one of auto, line, bar, table."),
        ("default-type.json", """{ "title": "x", "parameters": [{ "name": "n", "type": "integer", "default": "3" }], "queries": [{ "name": "a", "title": "A", "sql": "SELECT $n" }] }""",
            "dashboards/default-type.json: parameters[0].default is \"3\": give a whole number"),
        ("undeclared.json", """{ "title": "x", "queries": [{ "name": "a", "title": "A", "sql": "SELECT 1" }, { "name": "b", "title": "B", "sql": "SELECT $days" }] }""",
            "dashboards/undeclared.json: queries[1].sql uses $days, which the dashboard's parameters do not declare (it has none)."),
        ("both-sql.json", """{ "title": "x", "queries": [{ "name": "a", "title": "A", "sql": "SELECT 1", "sql_file": "a.sql" }] }""",
            "dashboards/both-sql.json: queries[0].sql and sql_file: give exactly one"),
        ("missing-file.json", """{ "title": "x", "queries": [{ "name": "a", "sql_file": "../queries/nope.sql" }] }""",
            "dashboards/missing-file.json: queries[0].sql_file is \"../queries/nope.sql\", and there is no file"),
        ("not-sql.json", """{ "title": "x", "queries": [{ "name": "a", "sql_file": "/etc/passwd" }] }""",
            "dashboards/not-sql.json: queries[0].sql_file is \"/etc/passwd\": give a relative path to a .sql file"),
        ("twice.json", """{ "title": "x", "queries": [{ "name": "a", "title": "A", "sql": "SELECT 1" }, { "name": "a", "title": "B", "sql": "SELECT 2" }] }""",
            "dashboards/twice.json: queries: the name \"a\" is given twice"),
        ("bad-name.json", """{ "title": "x", "queries": [{ "name": "A b", "title": "A", "sql": "SELECT 1" }] }""",
            "dashboards/bad-name.json: queries[0].name is \"A b\": a query name is lower-case letters, digits and -"),
        ("no-title.json", """{ "queries": [{ "name": "a", "title": "A", "sql": "SELECT 1" }] }""", "dashboards/no-title.json: title is missing."),
        ("y-not-list.json", """{ "title": "x", "queries": [{ "name": "a", "title": "A", "sql": "SELECT 1", "chart": { "y": "trips" } }] }""",
            "dashboards/y-not-list.json: queries[0].chart.y is the string \"trips\": give a list."),
    ];

    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("lake-dashboards-").FullName, "dashboards");
    private RunningConsole _console = null!;
    private ConsoleClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "good.json"), Good);
        foreach (var (file, text, _) in Broken) await File.WriteAllTextAsync(Path.Combine(_folder, file), text);
        _console = await LocalConsole.StartAsync(lake.Root, 0, TimeProvider.System, TestContext.Current.CancellationToken, _folder);
        _client = new ConsoleClient(_console);
    }

    [Fact]
    public async Task Each_broken_file_is_named_with_its_field_and_the_good_one_still_lists()
    {
        var body = await _client.GetJsonAsync("/api/dashboards");

        Assert.Equal(["good"], body.GetProperty("dashboards").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        var problems = body.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("file").GetString()!, p => p.GetProperty("error").GetString()!);
        Assert.Equal(Broken.Length, problems.Count);
        foreach (var (file, _, error) in Broken)
            Assert.True(problems[$"dashboards/{file}"].StartsWith(error, StringComparison.Ordinal), $"{file}: {problems[$"dashboards/{file}"]}");
    }

    [Fact]
    public async Task A_query_of_a_broken_file_is_refused_with_its_error_and_the_good_file_runs()
    {
        using var broken = await _client.SendAsync(HttpMethod.Post, "/api/dashboards/chart-type/queries/a", "{}");
        var error = (await ConsoleClient.JsonOf(broken, HttpStatusCode.Conflict)).GetProperty("error").GetString()!;
        Assert.Contains("queries[0].chart.type is \"pie\"", error, StringComparison.Ordinal);

        using var good = await _client.SendAsync(HttpMethod.Post, "/api/dashboards/good/queries/one", "{}");
        var id = (await ConsoleClient.JsonOf(good, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        Assert.Equal("succeeded", (await _client.FinishedAsync(id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_fifo_a_device_link_and_an_oversized_file_are_problems_read_without_blocking_and_the_good_one_still_lists()
    {
        var fifo = Path.Combine(_folder, "fifo.json");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(Path.Combine(_folder, "zero.json"), "/dev/zero");
        await File.WriteAllTextAsync(Path.Combine(_folder, "huge.json"), Good.Replace("SELECT 1", "SELECT 1 -- " + new string('x', DashboardFile.MaxBytes), StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            var body = await _client.GetJsonAsync("/api/dashboards");

            Assert.Contains("good", body.GetProperty("dashboards").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
            var problems = body.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("file").GetString()!, p => p.GetProperty("error").GetString()!);
            Assert.Contains("not a regular file", problems["dashboards/fifo.json"], StringComparison.Ordinal);
            Assert.Contains("not a regular file", problems["dashboards/zero.json"], StringComparison.Ordinal);
            Assert.Contains($"a dashboard is at most {DashboardFile.MaxBytes:N0} bytes", problems["dashboards/huge.json"], StringComparison.Ordinal);
        }
        finally
        {
            foreach (var name in new[] { "fifo.json", "zero.json", "huge.json" }) File.Delete(Path.Combine(_folder, name));
        }
    }

    [Fact]
    public async Task A_sql_file_that_is_a_fifo_or_oversized_is_a_problem_naming_sql_file_read_without_blocking()
    {
        // Beside the dashboards folder, as ../queries/*.sql is beside the repository's.
        var queries = Path.Combine(Path.GetDirectoryName(_folder)!, "queries");
        Directory.CreateDirectory(queries);
        var fifo = Path.Combine(queries, "fifo.sql");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(queries, "huge.sql"), "-- Huge\nSELECT 1 -- " + new string('x', DashboardFile.MaxBytes), TestContext.Current.CancellationToken);
        foreach (var name in new[] { "fifo", "huge" })
            await File.WriteAllTextAsync(Path.Combine(_folder, $"sql-{name}.json"), $$"""{ "title": "x", "queries": [{ "name": "a", "sql_file": "../queries/{{name}}.sql" }] }""", TestContext.Current.CancellationToken);
        try
        {
            var body = await _client.GetJsonAsync("/api/dashboards");

            Assert.Contains("good", body.GetProperty("dashboards").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
            var problems = body.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("file").GetString()!, p => p.GetProperty("error").GetString()!);
            Assert.StartsWith($"dashboards/sql-fifo.json: queries[0].sql_file {fifo}: is empty, or not a regular file", problems["dashboards/sql-fifo.json"], StringComparison.Ordinal);
            Assert.StartsWith("dashboards/sql-huge.json: queries[0].sql_file ", problems["dashboards/sql-huge.json"], StringComparison.Ordinal);
            Assert.Contains($"a query file is at most {DashboardFile.MaxBytes:N0} bytes of SQL", problems["dashboards/sql-huge.json"], StringComparison.Ordinal);
        }
        finally
        {
            foreach (var name in new[] { "fifo", "huge" }) File.Delete(Path.Combine(_folder, $"sql-{name}.json"));
            Directory.Delete(queries, recursive: true);
        }
    }

    [Fact]
    public async Task An_edited_file_shows_on_the_next_request()
    {
        var path = Path.Combine(_folder, "edited.json");
        await File.WriteAllTextAsync(path, Good.Replace("\"Good\"", "\"Before\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.Equal("Before", Title(await _client.GetJsonAsync("/api/dashboards")));
        await File.WriteAllTextAsync(path, Good.Replace("\"Good\"", "\"After\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.Equal("After", Title(await _client.GetJsonAsync("/api/dashboards")));
        File.Delete(path);

        static string? Title(JsonElement body) =>
            body.GetProperty("dashboards").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "edited").GetProperty("title").GetString();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _console.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
    }
}
