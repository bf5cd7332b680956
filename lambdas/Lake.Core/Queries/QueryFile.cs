using SocarDataLake.Core;

namespace SocarDataLake.Core.Queries;

/// <summary>
/// A question kept as a file (queries/*.sql): the first comment line is its title, the rest is SQL both engines run,
/// the local lake's DuckDB and Athena's Trino.
/// </summary>
public sealed record QueryFile(string Path, string Title, string Sql)
{
    public static QueryFile Read(string path)
    {
        // A dashboard's sql_file is read on every GET /api/dashboards: a FIFO there would hang each one.
        using var reader = new StreamReader(new MemoryStream(SmallFile.Read(path, path, "a query file", "SQL")), detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        var first = text.Split('\n', 2)[0].Trim();
        if (!first.StartsWith("--", StringComparison.Ordinal) || first.Length <= 2)
            throw new LakeException($"{path}: line 1 must be a comment with the question's title, such as \"-- Busiest pickup hours\".");
        return new QueryFile(path, first[2..].Trim(), text.Trim());
    }

    /// <summary>Every *.sql file of the folder, in file-name order (the order the demo asks them).</summary>
    public static IReadOnlyList<QueryFile> ReadAll(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.sql").Order(StringComparer.Ordinal).Select(Read).ToList()
            : throw new LakeException($"query folder '{folder}' not found.");
}
