namespace SocarDataLake.Local;

/// <summary>Writes that readers see whole or not at all: a temp file in the same folder, then a rename.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content) => Write(path, temp => File.WriteAllText(temp, content));

    public static void Copy(string source, string path) => Write(path, temp => File.Copy(source, temp, overwrite: true));

    public static void Write(string path, Action<string> writeTemp)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemp(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
