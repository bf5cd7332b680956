using SocarDataLake.Core.Queries;
using SocarDataLake.Local;
using Spectre.Console;

namespace SocarDataLake.Cli;

/// <summary>
/// `lake demo`: a fresh lake, the real NYC TLC sample through the whole pipeline, then an older file with
/// another schema (drift and quarantine), then the questions a person would ask of the data: the files in queries/,
/// which run as they are on Athena too (`lake query --aws`).
/// </summary>
internal static class Demo
{
    public static async Task<int> RunAsync(string rootPath, string? data, string? datasets, TimeProvider clock, CancellationToken cancellationToken)
    {
        var sample = RepoLocator.SampleDirectory(data);
        var questions = QueryFile.ReadAll(RepoLocator.QueriesDirectory());
        if (File.Exists(Path.Combine(rootPath, "lake.json"))) Directory.Delete(rootPath, recursive: true);
        Rule("1. A fresh local lake");
        LakeCommands.Init(rootPath, datasets);

        Rule("2. Ingest the real NYC TLC yellow-taxi sample (2019 layout, 4,000 trips)");
        await LakeCommands.IngestAsync(rootPath, [Path.Combine(sample, "sample_yellow_tripdata_2019-01.csv")], "tripdata", false, null, clock, cancellationToken);

        Rule("3. An older file arrives for the same dataset (2015 layout: other columns)");
        await LakeCommands.IngestAsync(rootPath, [Path.Combine(sample, "yellow_tripdata_2015-01.csv")], "tripdata", false, null, clock, cancellationToken);

        Rule("4. The same file again: landed once, never processed twice");
        await LakeCommands.IngestAsync(rootPath, [Path.Combine(sample, "sample_yellow_tripdata_2019-01.csv")], "tripdata", false, null, clock, cancellationToken);

        Rule("5. What the lake knows");
        LakeCommands.Runs(rootPath, "tripdata");
        LakeCommands.Quarantine(rootPath, "tripdata");

        Rule("6. Questions for the typed data (lake query)");
        var root = LakeRoot.Open(rootPath);
        var queries = new QueryService(root, new CatalogStore(root));
        foreach (var question in questions)
            Output.Write(queries.Run(question.Sql), "table", question.Title);

        Console.WriteLine();
        Console.WriteLine($"The lake is at {Path.GetFullPath(rootPath)}. Try: ./lake query \"SELECT * FROM tripdata LIMIT 5\" --root {rootPath}");
        return 0;
    }

    private static void Rule(string title)
    {
        Console.WriteLine();
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
    }
}
