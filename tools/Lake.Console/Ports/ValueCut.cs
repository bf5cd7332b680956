namespace SocarDataLake.LakeConsole.Ports;

/// <summary>
/// A value too long to show whole, however it came to be cut (the rows a local query keeps, a page's byte budget): one
/// marker, so a reader learns once that the text goes on and where to find all of it.
/// </summary>
public static class ValueCut
{
    /// <param name="why">What follows "cut at N": "of M characters", "characters to fit a 4 MiB page".</param>
    public static string Marked(string text, int keep, string why) =>
        $"{text[..keep]}… [cut at {keep:N0} {why}: the CSV download has it whole]";
}
