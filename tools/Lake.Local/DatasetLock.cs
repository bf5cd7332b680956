namespace SocarDataLake.Local;

/// <summary>
/// One crawl or job per dataset at a time, across processes, as Glue allows one crawl per crawler and the
/// jobs run with max concurrency 1. The OS releases the lock if the process dies.
/// </summary>
public sealed class DatasetLock : IDisposable
{
    private readonly FileStream _file;

    private DatasetLock(FileStream file) => _file = file;

    public static DatasetLock? TryTake(LakeRoot root, string dataset, string purpose)
    {
        Directory.CreateDirectory(root.Locks);
        try
        {
            return new DatasetLock(new FileStream(Path.Combine(root.Locks, $"{dataset}.{purpose}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
