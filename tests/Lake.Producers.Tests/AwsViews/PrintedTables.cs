namespace SocarDataLake.Producers.Tests.AwsViews;

/// <summary>
/// The tables `lake` printed (Spectre's rounded border), each as its rows of trimmed cells, header first. A cell too
/// wide for the 160 columns of redirected output wraps at a space onto the next lines, where the cells that did not wrap
/// are empty; the views print no empty cell ("-" stands for no value), so a line with an empty cell is joined back
/// into the row above.
/// </summary>
internal static class PrintedTables
{
    public static List<List<string[]>> Read(string output)
    {
        var tables = new List<List<string[]>>();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith('╭')) tables.Add([]);
            else if (line.StartsWith('│') && tables.Count > 0)
            {
                var cells = line.Trim().Trim('│').Split('│').Select(c => c.Trim()).ToArray();
                var rows = tables[^1];
                if (cells.Any(c => c.Length == 0) && rows.Count > 0)
                    rows[^1] = rows[^1].Zip(cells, (above, more) => more.Length == 0 ? above : $"{above} {more}").ToArray();
                else rows.Add(cells);
            }
        }
        return tables;
    }

    /// <summary>The lines from the first table's top border to its bottom one, as printed.</summary>
    public static string FirstAsText(string output)
    {
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith('╭'));
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith('╰'));
        return string.Join('\n', lines[start..(end + 1)]);
    }
}
