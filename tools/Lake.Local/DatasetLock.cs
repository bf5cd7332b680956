namespace SocarDataLake.Local;

/// <summary>
/// One holder per dataset and purpose at a time, across processes: one crawl per crawler and one job run
/// (max concurrency 1) as on Glue, and one read-modify-write of the dataset's catalog files. The OS releases
/// the lock if the process dies.
/// </summary>
public sealed class DatasetLock : IDisposable
{
    /// <summary>How often a waiter tries again; the OS offers .NET no blocking file lock.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

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

    /// <summary>Waits until the lock is free; <paramref name="waiting"/> is told once, when another holder makes it wait.</summary>
    public static async Task<DatasetLock> TakeAsync(LakeRoot root, string dataset, string purpose, Action? waiting, CancellationToken cancellationToken)
    {
        for (var told = false; ; told = true)
        {
            if (TryTake(root, dataset, purpose) is { } held) return held;
            if (!told) waiting?.Invoke();
            await Task.Delay(Poll, cancellationToken);
        }
    }

    public void Dispose() => _file.Dispose();
}
