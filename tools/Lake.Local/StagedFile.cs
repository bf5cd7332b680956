namespace SocarDataLake.Local;

/// <summary>
/// An object being written, outside every zone (<c>_staging/landing/</c>), so no reader ever takes a partial
/// copy for data. The writer holds a lock on it until it is renamed into its zone; a file there whose lock
/// nobody holds was left by a killed writer, and <see cref="SweepLeftovers"/> deletes it. A writer opens its file as
/// <c>.creating</c> and renames it to <c>.tmp</c> once it holds the lock (the lock moves with the file), so every
/// <c>.tmp</c> is locked for as long as its writer lives, empty or not.
/// </summary>
public sealed class StagedFile : IAsyncDisposable
{
    private readonly FileStream _handle;

    public string Path { get; }

    private StagedFile(string path, FileStream handle) => (Path, _handle) = (path, handle);

    public static async Task<StagedFile> CopyAsync(LakeRoot root, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root.Landing);
        var name = Guid.NewGuid().ToString("N");
        var path = System.IO.Path.Combine(root.Landing, name + ".tmp");
        var creating = System.IO.Path.Combine(root.Landing, name + Creating);
        // FileShare.Delete lets the rename happen while the handle (and on Unix its shared flock) is held. The file
        // exists a moment before its lock does; it is not a .tmp until the lock is held.
        var handle = new FileStream(creating, FileMode.CreateNew, FileAccess.Write, FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
        File.Move(creating, path);
        var staged = new StagedFile(path, handle);
        try
        {
            await content.CopyToAsync(handle, cancellationToken);
            await handle.FlushAsync(cancellationToken);
            return staged;
        }
        catch
        {
            await staged.DisposeAsync();
            throw;
        }
    }

    /// <summary>Renames the copy to <paramref name="target"/>, which must not exist: a landed object is never overwritten.</summary>
    public void MoveTo(string target)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Move(Path, target, overwrite: false);
    }

    private const string Creating = ".creating";

    /// <summary>
    /// A <c>.creating</c> file older than this was left by a writer killed between creating its file and locking it
    /// (a moment): always empty, never data, so it only needs to go some time.
    /// </summary>
    private static readonly TimeSpan CreatingLeftoverAge = TimeSpan.FromMinutes(1);

    /// <summary>Deletes staged copies whose writer is gone (the OS dropped its lock when it died).</summary>
    public static void SweepLeftovers(LakeRoot root, TimeProvider clock)
    {
        if (!Directory.Exists(root.Landing)) return;
        foreach (var file in Directory.EnumerateFiles(root.Landing, "*" + Creating))
            if (clock.GetUtcNow() - File.GetLastWriteTimeUtc(file) > CreatingLeftoverAge)
                File.Delete(file);
        foreach (var file in Directory.EnumerateFiles(root.Landing, "*.tmp"))
        {
            try
            {
                using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A live writer holds it, or another sweeper got there first.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _handle.DisposeAsync();
        if (File.Exists(Path)) File.Delete(Path);
    }
}
