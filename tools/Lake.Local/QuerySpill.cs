using System.Diagnostics;

namespace SocarDataLake.Local;

/// <summary>
/// Where `lake query` lets DuckDB spill: _staging/query-spill/&lt;pid&gt;-&lt;query&gt;. DuckDB's default is ./.tmp of
/// whatever folder the user runs from, unbounded up to 90% of the disk, and left behind by a kill -9. One folder per
/// query, not per process: the console runs several queries at once, and one query's clean-up must not remove the
/// folder another is spilling into.
/// </summary>
public static class QuerySpill
{
    public const long MaxBytes = 4L * 1024 * 1024 * 1024;

    public static string For(LakeRoot root)
    {
        var parent = Path.Combine(root.Staging, "query-spill");
        Directory.CreateDirectory(parent);
        foreach (var dir in Directory.EnumerateDirectories(parent))
        {
            if (int.TryParse(Path.GetFileName(dir).Split('-')[0], out var pid) && pid != Environment.ProcessId && !Alive(pid)) Remove(dir);
        }
        var own = Path.Combine(parent, $"{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(own);
        return own;
    }

    /// <summary>
    /// Unix lets a folder DuckDB still holds files in be removed: the space returns when it closes them. Another
    /// query may be removing the same dead folder at the same moment: that is not an error.
    /// </summary>
    public static void Remove(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
