using System.Runtime.InteropServices;
using System.Text;
using SocarDataLake.Core;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

/// <summary>
/// What a file must be before it is ingested or uploaded: a regular file (a FIFO or a device would block the
/// reader forever or never end), with a name the raw zone can hold and every reader will see. Each refusal is a
/// user mistake: it names the file and says what to do (exit 2).
/// </summary>
public static class InputFile
{
    /// <summary>Room in a 255-byte file name for the "-&lt;sha8&gt;" a name collision adds and a temporary suffix.</summary>
    public const int MaxNameBytes = 200;

    /// <summary>The file's name in the raw zone, once the file passes every check.</summary>
    public static string Require(string file, string dataset)
    {
        if (Directory.Exists(file)) throw new LakeException($"{file}: is a folder; give the files in it (such as {Path.Combine(file, "*.csv")}).");
        if (!File.Exists(file)) throw new LakeException($"{file}: no such file.");
        if (!IsRegularFile(file)) throw new LakeException($"{file}: not a regular file (a pipe, socket or device); copy its content into a file and ingest that.");
        var name = Path.GetFileName(file);
        if (name.Any(char.IsControl))
            throw new LakeException($"{Printable(name)}: the file name holds a tab, newline or other control character; rename the file.");
        // Glue crawlers and Spark skip names starting with '.', and so does every reader of the local lake: such
        // an object would land and never be processed, so it is refused instead.
        if (name.StartsWith('.'))
            throw new LakeException($"{name}: names starting with '.' are hidden files that no reader of the lake processes; rename the file (such as {name.TrimStart('.')}).");
        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxNameBytes)
            throw new LakeException($"{name[..40]}…: the file name is {bytes} bytes long; the raw zone takes names up to {MaxNameBytes} bytes, so rename the file.");
        if (!RawKey.TryParse($"{dataset}/ingest_date=2000-01-01/{name}", out _, out var reason))
            throw new LakeException($"{name}: not a valid raw object name: {reason}.");
        return name;
    }

    private static string Printable(string name) => string.Concat(name.Select(c => c switch { '\t' => "\\t", '\n' => "\\n", '\r' => "\\r", _ when char.IsControl(c) => $"\\u{(int)c:x4}", _ => c.ToString() }));

    // .NET reports a FIFO or a device as a normal file, so the file type comes from statx(2), whose buffer layout
    // is the same on every Linux architecture (stx_mode: 16 bits at offset 28). Elsewhere there are no such files to fear.
    private static bool IsRegularFile(string file)
    {
        if (!OperatingSystem.IsLinux()) return true;
        var buffer = new byte[256];
        try
        {
            if (Statx(-100 /* AT_FDCWD */, file, 0, 1 /* STATX_TYPE */, buffer) != 0) return true;
        }
        catch (EntryPointNotFoundException)
        {
            return true;
        }
        var mode = BitConverter.ToUInt16(buffer, 28);
        return (mode & 0xF000) == 0x8000; // S_IFMT, S_IFREG
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
