using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Core.Quarantine;

/// <summary>Where one quarantined row was: its run, raw object, position and the part of the reason shown.</summary>
public sealed record QuarantineExample(string Run, string RawObject, long? DataRow, long? Line, string Detail);

/// <summary>How many rows of one reason one run quarantined from one raw object.</summary>
public sealed record QuarantinePlace(string Run, string RawObject, long Count);

/// <summary>One kind of reason (values and line numbers blanked out), with where it happened and its first examples.</summary>
public sealed record QuarantineGroup(string Dataset, string Reason, long Count, IReadOnlyList<QuarantinePlace> Places, IReadOnlyList<QuarantineExample> Examples);

/// <summary>
/// Quarantine records added one at a time and grouped by the kind of reason: the one grouping behind the local lake's
/// quarantine views and, from the quarantine bucket, `lake quarantine --aws`. Both zones hold the same record shape
/// ({raw_object, reason, values}, plus line and data_row locally).
/// </summary>
public sealed partial class QuarantineGrouping
{
    public const int ExamplesPerGroup = 3;

    private readonly List<Builder> _groups = [];
    private readonly Dictionary<(string, string), Builder> _byKind = [];

    public bool IsEmpty => _groups.Count == 0;

    public void Add(string dataset, string run, JsonElement record)
    {
        var reason = Text(record, "reason") ?? "(no reason recorded)";
        var rawObject = Text(record, "raw_object") ?? "";
        // A data row counts the rows read from the object (no header, blank or unreadable lines); its line, when
        // recorded, is where it starts in the file. Records written before the rename call the data row "row".
        var dataRow = Number(record, "data_row") ?? Number(record, "row");
        var line = Number(record, "line");
        foreach (var part in ReasonParts().Split(reason))
        {
            var kind = Quoted().Replace(LineNumber().Replace(part, "line N:"), "'…'");
            if (!_byKind.TryGetValue((dataset, kind), out var group))
            {
                group = new Builder(dataset, kind);
                _byKind[(dataset, kind)] = group;
                _groups.Add(group);
            }
            group.Add(new QuarantineExample(run, rawObject, dataRow, line, part));
        }
    }

    /// <summary>The groups, most frequent first (ties in the order they were first seen).</summary>
    public IReadOnlyList<QuarantineGroup> Groups() => _groups.OrderByDescending(g => g.Count).Select(g => g.Build()).ToList();

    private static string? Text(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private sealed class Builder(string dataset, string reason)
    {
        private readonly List<QuarantineExample> _examples = [];
        private readonly Dictionary<(string, string), long> _places = [];
        private readonly List<(string Run, string RawObject)> _order = [];

        public long Count { get; private set; }

        public void Add(QuarantineExample example)
        {
            Count++;
            if (_examples.Count < ExamplesPerGroup) _examples.Add(example);
            var place = (example.Run, example.RawObject);
            if (_places.TryGetValue(place, out var seen)) _places[place] = seen + 1;
            else
            {
                _places[place] = 1;
                _order.Add(place);
            }
        }

        public QuarantineGroup Build() => new(dataset, reason, Count, _order.Select(p => new QuarantinePlace(p.Run, p.RawObject, _places[p])).ToList(), _examples);
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^line \d+:")]
    private static partial Regex LineNumber();

    // A reason joins one "column: ..." message per failed check with "; ". A quoted value may hold "; " too
    // ('x; DROP TABLE t'), so a message starts only where a snake_case column name and ": " follow.
    [GeneratedRegex("; (?=[a-z][a-z0-9_]*: )")]
    private static partial Regex ReasonParts();
}
