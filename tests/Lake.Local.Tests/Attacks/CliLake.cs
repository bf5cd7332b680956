using System.Globalization;
using System.Text;

namespace SocarDataLake.Local.Tests.Attacks;

/// <summary>
/// A throwaway lake driven through the built `lake` command, as a user (or an attacker) drives it: real files,
/// real processes. Reads of the result go through the library, which is not what these tests attack.
/// </summary>
internal sealed class CliLake : IDisposable
{
    public const string Header = "VendorID,tpep_pickup_datetime,tpep_dropoff_datetime,passenger_count,trip_distance,RatecodeID,store_and_fwd_flag,PULocationID,DOLocationID,payment_type,fare_amount,extra,mta_tax,tip_amount,tolls_amount,improvement_surcharge,total_amount,congestion_surcharge";

    public string Folder { get; } = Directory.CreateTempSubdirectory("lake-attack-").FullName;
    public LakeRoot Root { get; }
    public CatalogStore Catalog { get; }

    public CliLake()
    {
        Root = LakeRoot.Init(Path.Combine(Folder, "lake"), Repo.Path("datasets"));
        Catalog = new CatalogStore(Root);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(Cancel, args);

    public Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        LakeCommand.RunAsync(Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = Root.Path }, cancellationToken, args);

    public LakeProcess Start(params string[] args) =>
        LakeProcess.Start(Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = Root.Path }, args);

    /// <summary>A valid tripdata CSV of <paramref name="rows"/> rows; <paramref name="variant"/> makes its content differ from other files'.</summary>
    public string WriteTrips(string name, int rows, int variant = 0)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
            text.Append(CultureInfo.InvariantCulture, $"1,2019-01-10 07:32:44,2019-01-10 07:50:50,1,{variant}.{i % 100:D2},1,N,238,141,1,13.0,0.0,0.5,2.75,0.0,0.3,16.55,\n");
        return WriteFile(name, text.ToString());
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Folder, "input", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public long Count(string dataset) =>
        Catalog.VisibleFiles(dataset).Count == 0 ? 0 : Convert.ToInt64(new QueryService(Root, Catalog).Run($"SELECT count(*) FROM {dataset}").Rows[0][0], CultureInfo.InvariantCulture);

    public IReadOnlyList<string> RawObjects(string dataset)
    {
        var dir = Path.Combine(Root.ZonePath(Core.Zones.Zone.Raw), dataset);
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToList() : [];
    }

    /// <summary>Raw objects no committed run lists, from the run records themselves.</summary>
    public IReadOnlyList<string> Pending(string dataset)
    {
        var bookmark = Catalog.Bookmark(dataset);
        return RawObjects(dataset).Select(f => Path.GetRelativePath(Root.ZonePath(Core.Zones.Zone.Raw), f)).Where(k => !bookmark.Contains(k)).ToList();
    }

    /// <summary>Polls a condition of the file system while <paramref name="running"/> runs; false if it ended first.</summary>
    public static async Task<bool> WhileRunningAsync(LakeProcess running, Func<bool> condition)
    {
        var exited = running.WaitForExitAsync(Cancel);
        while (!condition())
        {
            if (exited.IsCompleted) return condition();
            await Task.Delay(1, Cancel);
        }
        return true;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
