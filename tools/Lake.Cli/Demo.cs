using SocarDataLake.Local;
using Spectre.Console;

namespace SocarDataLake.Cli;

/// <summary>
/// `lake demo`: a fresh lake, the real NYC TLC sample through the whole pipeline, then an older file with
/// another schema (drift and quarantine), then the questions a person would ask of the data.
/// </summary>
internal static class Demo
{
    private static readonly (string Title, string Sql)[] Questions =
    [
        ("Busiest pickup hours (January 2019 sample)",
            """
            SELECT hour(pickup_at) AS hour, count(*) AS trips, round(avg(trip_distance_miles), 2) AS avg_miles,
                   round(avg(fare_amount), 2) AS avg_fare, round(sum(total_amount), 2) AS revenue
            FROM tripdata GROUP BY 1 ORDER BY trips DESC LIMIT 5
            """),
        ("How riders pay",
            """
            SELECT CASE payment_type WHEN 1 THEN 'credit card' WHEN 2 THEN 'cash' WHEN 3 THEN 'no charge' WHEN 4 THEN 'dispute' ELSE 'other' END AS payment,
                   count(*) AS trips, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct,
                   round(avg(tip_amount), 2) AS avg_tip, round(avg(CASE WHEN fare_amount > 0 THEN 100 * tip_amount / fare_amount END), 1) AS tip_pct_of_fare
            FROM tripdata GROUP BY 1 ORDER BY trips DESC
            """),
        ("Trips by weekday",
            """
            SELECT dayname(pickup_at) AS weekday, count(*) AS trips, round(avg(date_diff('minute', pickup_at, dropoff_at)), 1) AS avg_minutes,
                   round(avg(total_amount), 2) AS avg_total
            FROM tripdata GROUP BY dayname(pickup_at), isodow(pickup_at) ORDER BY isodow(pickup_at)
            """),
        ("Partitions written (pickup_year / pickup_month)",
            "SELECT pickup_year, pickup_month, count(*) AS trips FROM tripdata GROUP BY 1, 2 ORDER BY 1, 2"),
    ];

    public static async Task<int> RunAsync(string rootPath, string? data, string? datasets, TimeProvider clock, CancellationToken cancellationToken)
    {
        var sample = RepoLocator.SampleDirectory(data);
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
        foreach (var (title, sql) in Questions)
            Output.Write(queries.Run(sql), "table", title);

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
