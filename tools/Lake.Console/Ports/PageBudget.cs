using SocarDataLake.Core.Queries;

namespace SocarDataLake.LakeConsole.Ports;

/// <summary>
/// How many rows one page of a query's state may carry: up to the count asked for, and no more once the page's JSON
/// would pass <see cref="MaxPageBytes"/>. A page of ten 20 MB values was a 200 MB answer locally, and on AWS anything
/// past Lambda's 6 MB is a failed invocation; so a page stops early, says so, and the caller asks for the next offset.
/// The first row is always given, so paging moves on, with its values cut when it alone would pass the budget.
/// </summary>
public static class PageBudget
{
    /// <summary>Below Lambda's 6 MB response with room for the rest of the state and the envelope.</summary>
    public const int MaxPageBytes = 4 * 1024 * 1024;

    /// <summary>What a page stopped by the budget says, as one clause of the state's notice (each engine ends the notice).</summary>
    public static string CutPageNote(int rows) =>
        $"this page holds {rows:N0} rows, as many as fit in {MaxPageBytes / (1024 * 1024)} MiB: ask for the next offset";

    public static (IReadOnlyList<object?[]> Rows, bool Cut) Take(IEnumerable<object?[]> rows, int count, long budget = MaxPageBytes)
    {
        var page = new List<object?[]>();
        long bytes = 0;
        foreach (var row in rows)
        {
            if (page.Count >= count) break;
            var size = RowBytes(row);
            if (page.Count > 0 && bytes + size > budget) return (page, true);
            // One row alone past the budget (many long values, each short enough to be kept, or text that grows six-fold as
            // JSON): its values are cut to a share of the budget each, so even that page stays within it.
            if (size > budget) return ([Shrunk(row, budget)], true);
            page.Add(row);
            bytes += size;
        }
        return (page, false);
    }

    // Each value gets an equal share of the budget, less room for its marker; one that needs more is cut to the
    // characters that fit even if every one of them must be escaped.
    private static object?[] Shrunk(object?[] row, long budget)
    {
        var share = budget / Math.Max(1, row.Length) - 200;
        var shrunk = new object?[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            var value = row[i];
            if (ValueBytes(value) <= share) { shrunk[i] = value; continue; }
            var text = value is byte[] ? "" : value as string ?? ResultText.Text(value);
            var keep = (int)Math.Clamp(share / 6, 0, text.Length);
            shrunk[i] = ValueCut.Marked(text, keep, $"characters to fit a {budget / (1024 * 1024)} MiB page");
        }
        return shrunk;
    }

    /// <summary>At most what the row's JSON array takes, as <c>QueryStateJson</c> writes it.</summary>
    public static long RowBytes(object?[] row)
    {
        long bytes = 2;
        foreach (var value in row) bytes += ValueBytes(value) + 1;
        return bytes;
    }

    private static long ValueBytes(object? value) => value switch
    {
        null => 4,
        string text => TextBytes(text),
        // Blob notation is \xNN per byte at worst, and JSON doubles the backslash.
        byte[] blob => 2 + 5L * blob.Length,
        ValueType => 48,
        _ => TextBytes(ResultText.Text(value)),
    };

    // Utf8JsonWriter's default encoder writes control characters, non-ASCII and HTML-sensitive ones as \uXXXX.
    private static long TextBytes(string text)
    {
        long bytes = 2;
        foreach (var c in text) bytes += c is >= ' ' and <= '~' ? 1 : 6;
        return bytes + 5L * text.Count(c => c is '"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`');
    }
}
