using SocarDataLake.Core.Triggers;
using SocarDataLake.LakeConsole.Local;
using SocarDataLake.Local;

[assembly: AssemblyFixture(typeof(SocarDataLake.LakeConsole.Tests.ConsoleLake))]

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// One lake filled by the real local pipeline, shared by every test (the console only reads it): the NYC 2019 sample
/// (4,000 rows), the 2015 file (another schema: drift, every row quarantined) and a small file with two bad fares.
/// A console runs over it on a free port.
/// </summary>
public sealed class ConsoleLake : IAsyncLifetime
{
    public const string Header = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge";

    public string Folder { get; } = Directory.CreateTempSubdirectory("lake-console-").FullName;
    public LakeRoot Root { get; private set; } = null!;
    public RunningConsole Console { get; private set; } = null!;

    /// <summary>The runs the pipeline made, in order: 2019 sample, 2015 file, bad fares.</summary>
    public IReadOnlyList<RunSummary> Runs { get; private set; } = [];

    public RunSummary BadFaresRun => Runs[2];

    public static string Repo(params string[] parts) => Path.GetFullPath(Path.Combine([RepositoryRoot.Path, .. parts]));

    public async ValueTask InitializeAsync()
    {
        Root = LakeRoot.Init(Path.Combine(Folder, "lake"), Repo("datasets"));
        var sample = Repo("..", "shared", "data", "nyc-taxi");
        var badFares = Path.Combine(Folder, "bad-fares.csv");
        await File.WriteAllTextAsync(badFares, Header + "\n" +
            "1,2019-01-10 07:32:44,2019-01-10 07:50:50,1,1.50,1,N,238,141,1,13.0,0.0,0.5,2.75,0.0,0.3,16.55,\n" +
            "1,2019-01-10 08:00:00,2019-01-10 08:10:00,1,1.00,1,N,238,141,1,abc,0.0,0.5,2.75,0.0,0.3,16.55,\n" +
            "2,2019-01-10 09:00:00,2019-01-10 09:10:00,1,1.00,1,N,238,141,1,xyz,0.0,0.5,2.75,0.0,0.3,16.55,\n");
        var runs = new List<RunSummary>();
        foreach (var file in new[] { Path.Combine(sample, "sample_yellow_tripdata_2019-01.csv"), Path.Combine(sample, "yellow_tripdata_2015-01.csv"), badFares })
        {
            var pipeline = new LocalPipeline(Root, TextWriter.Null, TimeProvider.System, retryDelay: TimeSpan.Zero);
            await pipeline.IngestAsync([file], "tripdata", CancellationToken.None);
            await pipeline.DrainAsync(CancellationToken.None);
            runs.AddRange(pipeline.Runs);
        }
        Runs = runs;
        Console = await LocalConsole.StartAsync(Root, 0, TimeProvider.System, CancellationToken.None, Repo("dashboards"));
    }

    public async ValueTask DisposeAsync()
    {
        await Console.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
