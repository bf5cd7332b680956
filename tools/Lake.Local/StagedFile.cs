namespace SocarDataLake.Local;

/// <summary>
/// An object being written, outside every zone (<c>_staging/landing/</c>), so no reader ever takes a partial
/// copy for data. The writer holds a lock on it until it is renamed into its zone; a file there whose lock
/// nobody holds was left by a killed writer, and <see cref="SweepLeftovers"/> deletes it.
/// </summary>
public sealed class StagedFile : IAsyncDisposable
{
    private readonly FileStream _handle;

    public string Path { get; }

    private StagedFile(string path, FileStream handle) => (Path, _handle) = (path, handle);

    public static async Task<StagedFile> CopyAsync(LakeRoot root, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root.Landing);
        var path = System.IO.Path.Combine(root.Landing, $"{Guid.NewGuid():N}.tmp");
        // FileShare.Delete lets the rename happen while the handle (and on Unix its shared flock) is held.
        var handle = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
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

    /// <summary>Deletes staged copies whose writer is gone (the OS dropped its lock when it died).</summary>
    public static void SweepLeftovers(LakeRoot root)
    {
        if (!Directory.Exists(root.Landing)) return;
        foreach (var file in Directory.EnumerateFiles(root.Landing, "*.tmp"))
        {
            // A writer's FileStream creates the file first and takes its lock a moment later: in between, the file
            // is empty and unlocked, and deleting it would pull the copy from under a live writer (seen with four
            // ingests at once). Once it holds a byte its writer holds the lock, so only non-empty files are judged.
            if (new FileInfo(file).Length == 0) continue;
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
