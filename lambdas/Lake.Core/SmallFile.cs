namespace SocarDataLake.Core;

/// <summary>
/// A small file a person writes and the lake reads on request (a dashboard, a saved question's .sql). Only a regular
/// file is opened, and never read past the cap: a FIFO would block its reader for good, and /dev/zero (a symlink a
/// clone can carry) or a huge file would fill memory, on every request that reads it.
/// </summary>
public static class SmallFile
{
    /// <summary>Such files are a few kilobytes; anything near this is a mistake.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <param name="shownAs">How messages name the file.</param>
    /// <param name="noun">What the file is, for messages: "a dashboard", "a query file".</param>
    /// <param name="format">What it holds, for messages: "JSON", "SQL".</param>
    public static byte[] Read(string path, string shownAs, string noun, string format)
    {
        var info = new FileInfo(path);
        // A FIFO or a device reports no length: the file type is told apart by that, portably.
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
        if (target is null || !target.Exists || target.Length == 0)
            throw new LakeException($"{shownAs}: is empty, or not a regular file (a FIFO, a device, a broken link): give a {format} file.");
        if (target.Length > MaxBytes)
            throw new LakeException($"{shownAs}: is {target.Length:N0} bytes; {noun} is at most {MaxBytes:N0} bytes of {format}.");
        using var stream = new FileStream(target.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[MaxBytes + 1];
        var read = 0;
        while (read < buffer.Length && stream.Read(buffer, read, buffer.Length - read) is var n and > 0) read += n;
        if (read > MaxBytes) throw new LakeException($"{shownAs}: grew past {MaxBytes:N0} bytes while being read; {noun} is at most that.");
        return buffer[..read];
    }
}
