using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SocarDataLake.Core;
using SocarDataLake.LakeConsole;
using SocarDataLake.Local;

namespace SocarDataLake.Cli.Dashboards;

/// <summary>
/// `lake dashboards export`: the dashboard files as one plain JSON file that Terraform's <c>jsondecode</c> reads (it
/// takes no comments) with what QuickSight needs and the files do not state: each query's result columns and their
/// types. The types come from DuckDB itself, by running each query on an empty lake built from the contracts, so the
/// file says what the SQL returns, not what someone believed it returns.
/// </summary>
internal static class DashboardExport
{
    /// <summary>Where the QuickSight module's caller reads it, relative to the repository.</summary>
    public const string DefaultOutput = "terraform/env-common/dashboards.generated.json";

    public static int Run(string? dashboardsOption, string? datasetsOption, string? outOption)
    {
        var datasets = RepoLocator.DatasetsDirectory(datasetsOption);
        var folder = RepoLocator.DashboardsDirectory(dashboardsOption)
            ?? throw new LakeException("cannot find the dashboards/ folder beside the repository's datasets/: run from the repository or pass --dashboards <folder>.");
        var output = Path.GetFullPath(outOption ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(datasets))!, DefaultOutput));

        var (dashboards, problems) = new DashboardFolder(folder).Load();
        if (problems.Count > 0)
            throw new LakeException($"{string.Join("\n", problems.Select(p => p.Error))}\nNothing was written: fix the dashboard file{(problems.Count == 1 ? "" : "s")} and run `lake dashboards export` again.");
        if (dashboards.Count == 0) throw new LakeException($"{folder} holds no dashboard *.json files: nothing to export.");

        var exported = Describe(dashboards, datasets);
        var json = Render(exported);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        // Written beside and renamed, so a reader (terraform plan) never sees half a file.
        var staged = output + ".tmp";
        File.WriteAllText(staged, json, new UTF8Encoding(false));
        File.Move(staged, output, overwrite: true);
        Console.WriteLine($"{output}: {exported.Count} dashboard{(exported.Count == 1 ? "" : "s")}, {exported.Sum(d => d.Queries.Count)} queries with their result columns.");
        return 0;
    }

    private static List<ExportedDashboard> Describe(IReadOnlyList<Dashboard> dashboards, string datasets)
    {
        var scratch = Directory.CreateTempSubdirectory("lake-dashboards-");
        try
        {
            // Empty tables are enough: a dataset without committed rows is a view with its contract's typed columns.
            var root = LakeRoot.Init(Path.Combine(scratch.FullName, "lake"), datasets);
            var queries = new QueryService(root, new CatalogStore(root));
            return dashboards.Select(d => new ExportedDashboard(d, d.Queries.Select((q, i) => Query(queries, d, q, i)).ToList())).ToList();
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static ExportedQuery Query(QueryService queries, Dashboard dashboard, DashboardQuery query, int index)
    {
        var where = $"{dashboard.File}: queries[{index}] ({query.Name})";
        var values = DashboardParameters.Bind(dashboard, query, null);
        IReadOnlyList<string> names = [];
        var types = new List<string>();
        try
        {
            queries.Read(query.Sql, new QueryReading(c => names = c, _ => false) { Parameters = values });
            if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new LakeException($"{where}: the result has two columns named {twice.Key}: QuickSight needs distinct names; give one an alias (AS ...).");
            // typeof() names a column's type even when the value is NULL: the one row of the outer join says the
            // types of a result that has no rows on an empty lake.
            var typed = $"SELECT {string.Join(", ", names.Select(n => $"typeof(r.{Sql.Ident(n)})"))} FROM (SELECT 1) AS one LEFT JOIN (\n{query.Sql.Trim().TrimEnd(';')}\n) AS r ON true LIMIT 1";
            queries.Read(typed, new QueryReading(_ => { }, row =>
            {
                types.AddRange(row.Select(t => Convert.ToString(t, System.Globalization.CultureInfo.InvariantCulture)!));
                return false;
            }) { Parameters = values });
        }
        catch (LakeException e) when (!e.Message.StartsWith(dashboard.File, StringComparison.Ordinal))
        {
            throw new LakeException($"{where}: {e.Message}");
        }

        var columns = names.Zip(types, (name, type) => new ExportedColumn(name, QuickSightTypes.OfColumn(type)
            ?? throw new LakeException($"{where}: column {name} is {type}, which QuickSight has no type for: cast it in the SQL (CAST({name} AS VARCHAR)), or leave it out."))).ToList();
        return new ExportedQuery(query, columns, ExportedChart.Of(query.Chart, columns, $"{dashboard.File}: queries[{index}].chart"));
    }

    private static string Render(IReadOnlyList<ExportedDashboard> dashboards)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps the SQL readable in review (' and > as themselves); the file is data, never HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("//", "Written by `lake dashboards export` from dashboards/*.json, with each query's result columns typed by DuckDB on the contracts' tables. Do not edit: change the dashboard files and run it again.");
            json.WriteStartObject("dashboards");
            foreach (var exported in dashboards)
            {
                var d = exported.Dashboard;
                json.WriteStartObject(d.Name);
                json.WriteString("file", d.File);
                json.WriteString("title", d.Title);
                if (d.Description is null) json.WriteNull("description");
                else json.WriteString("description", d.Description);
                json.WriteStartArray("parameters");
                foreach (var p in d.Parameters)
                {
                    json.WriteStartObject();
                    json.WriteString("name", p.Name);
                    json.WriteString("label", p.Label);
                    json.WriteString("type", QuickSightTypes.OfParameter(p.Type));
                    json.WritePropertyName("default");
                    p.Default.WriteTo(json);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("queries");
                foreach (var q in exported.Queries)
                {
                    json.WriteStartObject();
                    json.WriteString("id", q.Query.Name);
                    json.WriteString("title", q.Query.Title);
                    json.WriteString("sql", q.Query.Sql);
                    json.WriteStartArray("parameters");
                    foreach (var used in q.Query.Uses) json.WriteStringValue(used);
                    json.WriteEndArray();
                    json.WriteStartArray("columns");
                    foreach (var c in q.Columns)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", c.Name);
                        json.WriteString("type", c.Type);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteStartObject("chart");
                    json.WriteString("type", q.Chart.Type);
                    if (q.Chart.X is null) json.WriteNull("x");
                    else json.WriteString("x", q.Chart.X);
                    json.WriteStartArray("y");
                    foreach (var y in q.Chart.Y) json.WriteStringValue(y);
                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private sealed record ExportedDashboard(Dashboard Dashboard, IReadOnlyList<ExportedQuery> Queries);

    private sealed record ExportedQuery(DashboardQuery Query, IReadOnlyList<ExportedColumn> Columns, ExportedChart Chart);
}

internal sealed record ExportedColumn(string Name, string Type);
