using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SocarDataLake.Core;
using SocarDataLake.Core.Queries;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// Reads and checks one dashboard file. Every field is checked by name, unknown ones included, so a misspelt
/// "chart" or "default" is named instead of silently ignored; each message starts with the file and the field's path.
/// </summary>
internal static partial class DashboardFile
{
    public static readonly string[] ParameterTypes = ["text", "integer", "number", "date"];
    public static readonly string[] ChartTypes = ["auto", "line", "bar", "table"];

    /// <summary>A dashboard is a few kilobytes of JSON; anything near this is a mistake, not a dashboard.</summary>
    public const int MaxBytes = SmallFile.MaxBytes;

    public static Dashboard Read(string path, string shownAs)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Bytes(path, shownAs), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new DashboardException($"{shownAs}: line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split(" LineNumber")[0].TrimEnd('.', ' ')}).");
        }
        using (document)
        {
            var reader = new Fields(shownAs, "", document.RootElement);
            reader.Only("title", "description", "parameters", "queries");
            var parameters = reader.Array("parameters", required: false).Select((p, i) => Parameter(new Fields(shownAs, $"parameters[{i}]", p))).ToList();
            Unique(shownAs, "parameters", parameters.Select(p => p.Name));
            var queries = reader.Array("queries", required: true).Select((q, i) => Query(new Fields(shownAs, $"queries[{i}]", q), path, parameters)).ToList();
            if (queries.Count == 0) throw new DashboardException($"{shownAs}: queries: the list is empty; give at least one {{\"name\": ..., \"sql\": ...}}.");
            Unique(shownAs, "queries", queries.Select(q => q.Name));
            return new Dashboard(Path.GetFileNameWithoutExtension(path), shownAs, reader.Text("title", required: true)!, reader.Text("description", required: false), parameters, queries);
        }
    }

    private static DashboardParameter Parameter(Fields p)
    {
        p.Only("name", "label", "type", "default");
        var name = p.Text("name", required: true)!;
        if (!ParameterName().IsMatch(name))
            throw p.Error("name", $"is \"{name}\": a parameter name is lower-case letters, digits and _ (it is written $name in the SQL)");
        var type = p.Text("type", required: true)!;
        if (!ParameterTypes.Contains(type))
            throw p.Error("type", $"is \"{type}\": give one of {string.Join(", ", ParameterTypes)}");
        var value = p.Value("default") ?? throw p.Error("default", $"is missing: give the value the dashboard opens with (a {type})");
        if (DashboardParameters.Parse(type, value) is null)
            throw p.Error("default", $"is {value.GetRawText()}: give {DashboardParameters.Expected(type)}");
        return new DashboardParameter(name, p.Text("label", required: false) ?? name, type, value.Clone());
    }

    private static DashboardQuery Query(Fields q, string dashboardPath, List<DashboardParameter> parameters)
    {
        q.Only("name", "title", "sql", "sql_file", "chart");
        var name = q.Text("name", required: true)!;
        if (!QueryName().IsMatch(name))
            throw q.Error("name", $"is \"{name}\": a query name is lower-case letters, digits and - (it is part of the query's address)");
        var inline = q.Text("sql", required: false);
        var file = q.Text("sql_file", required: false);
        if ((inline is null) == (file is null))
            throw q.Error("sql", "and sql_file: give exactly one, the SQL itself or the path of a .sql file beside the dashboards");
        string sql, title;
        if (file is not null)
        {
            if (!file.EndsWith(".sql", StringComparison.Ordinal) || Path.IsPathRooted(file))
                throw q.Error("sql_file", $"is \"{file}\": give a relative path to a .sql file, such as \"../queries/01-busiest-pickup-hours.sql\"");
            var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dashboardPath)!, file));
            if (!File.Exists(full)) throw q.Error("sql_file", $"is \"{file}\", and there is no file {full}");
            QueryFile question;
            try
            {
                question = QueryFile.Read(full);
            }
            catch (LakeException e)
            {
                throw q.Error("sql_file", e.Message.TrimEnd('.'));
            }
            (sql, title) = (question.Sql, q.Text("title", required: false) ?? question.Title);
        }
        else
        {
            sql = inline!;
            title = q.Text("title", required: true)!;
        }
        var uses = DashboardParameters.UsedIn(sql);
        foreach (var used in uses.Where(u => parameters.All(p => p.Name != u)))
            throw q.Error(file is null ? "sql" : "sql_file", $"uses ${used}, which the dashboard's parameters do not declare ({(parameters.Count == 0 ? "it has none" : string.Join(", ", parameters.Select(p => p.Name)))})");
        return new DashboardQuery(name, title, sql, file, Chart(q), uses);
    }

    private static ChartSpec Chart(Fields q)
    {
        if (q.Value("chart") is not { } element) return new ChartSpec("auto", null, null);
        var chart = q.Inner("chart", element);
        chart.Only("type", "x", "y");
        var type = chart.Text("type", required: false) ?? "auto";
        if (!ChartTypes.Contains(type)) throw chart.Error("type", $"is \"{type}\": give one of {string.Join(", ", ChartTypes)}");
        var y = chart.Value("y") is null ? null : chart.Array("y", required: true).Select((v, i) => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw chart.Error($"y[{i}]", "is not a string: give column names")).ToList();
        return new ChartSpec(type, chart.Text("x", required: false), y);
    }

    private static void Unique(string file, string list, IEnumerable<string> names)
    {
        var twice = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new DashboardException($"{file}: {list}: the name \"{twice.Key}\" is given twice; names must differ.");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex ParameterName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex QueryName();

    /// <summary>One JSON object of the file, with the path that names it in messages.</summary>
    private sealed class Fields(string file, string path, JsonElement element)
    {
        public DashboardException Error(string field, string problem) =>
            new($"{file}: {(path.Length == 0 ? "" : path + ".")}{field} {problem}.");

        public Fields Inner(string field, JsonElement inner) => new(file, path.Length == 0 ? field : $"{path}.{field}", inner);

        public void Only(params string[] known)
        {
            if (element.ValueKind != JsonValueKind.Object)
                throw new DashboardException($"{file}: {(path.Length == 0 ? "the file" : path)} is {Kind(element)}: give a JSON object.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                    throw Error(property.Name, $"is not a field here: the fields are {string.Join(", ", known)}");
                if (!seen.Add(property.Name)) throw Error(property.Name, "is given twice");
            }
        }

        public JsonElement? Value(string field) =>
            element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        public string? Text(string field, bool required)
        {
            if (Value(field) is not { } value) return required ? throw Error(field, "is missing") : null;
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                throw Error(field, $"is {Kind(value)}: give a non-empty string");
            return value.GetString();
        }

        public List<JsonElement> Array(string field, bool required)
        {
            if (Value(field) is not { } value) return required ? throw Error(field, "is missing: give a list") : [];
            if (value.ValueKind != JsonValueKind.Array) throw Error(field, $"is {Kind(value)}: give a list");
            return value.EnumerateArray().ToList();
        }

        private static string Kind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{value.GetString()}\"",
            JsonValueKind.Number => $"the number {value.GetRawText()}",
            JsonValueKind.Array => "a list",
            JsonValueKind.Object => "an object",
            JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
            _ => value.GetRawText(),
        };
    }

    private static byte[] Bytes(string path, string shownAs)
    {
        try
        {
            return SmallFile.Read(path, shownAs, "a dashboard", "JSON");
        }
        catch (LakeException e)
        {
            throw new DashboardException(e.Message);
        }
    }
}
