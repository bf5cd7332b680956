using System.Text.Json;

namespace SocarDataLake.TestServers;

/// <summary>
/// What every benchmark under tools/*.Bench shares: <c>--artifacts DIR</c> (default artifacts/bench in the
/// repository), <c>--quick</c>, a scratch folder that starts empty, and figures written as indented JSON
/// where the Bench target collects them.
/// </summary>
public sealed class BenchArguments
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string[] _args;

    public BenchArguments(string[] args)
    {
        _args = args;
        Artifacts = Option("--artifacts") ?? Path.Combine(RepositoryRoot.Path, "artifacts", "bench");
        Directory.CreateDirectory(Artifacts);
    }

    public string Artifacts { get; }

    /// <summary>Smaller inputs, for a check that the bench still runs rather than for its figures.</summary>
    public bool Quick => _args.Contains("--quick");

    public string? Option(string name)
    {
        var i = Array.IndexOf(_args, name);
        return i >= 0 && i + 1 < _args.Length ? _args[i + 1] : null;
    }

    /// <summary>A folder under the artifacts, emptied of what an earlier (perhaps killed) run left.</summary>
    public string EmptyFolder(string name)
    {
        var folder = Path.Combine(Artifacts, name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The machine the figures were measured on, to read them beside.</summary>
    public static string Machine => $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";

    public void WriteFigures(string fileName, object figures)
    {
        var file = Path.Combine(Artifacts, fileName);
        File.WriteAllText(file, JsonSerializer.Serialize(figures, Indented));
        Console.WriteLine($"figures written to {file}");
    }
}
