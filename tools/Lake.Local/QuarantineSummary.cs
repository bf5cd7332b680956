using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocarDataLake.Local;

/// <summary>Where one quarantined row was: its run, raw object, position and the part of the reason shown.</summary>
public sealed record QuarantineExample(string Run, string RawObject, long? DataRow, long? Line, string Detail);

/// <summary>How many rows of one reason one run quarantined from one raw object.</summary>
public sealed record QuarantinePlace(string Run, string RawObject, long Count);

/// <summary>One kind of reason (values and line numbers blanked out), with where it happened and its first examples.</summary>
public sealed record QuarantineGroup(string Dataset, string Reason, long Count, IReadOnlyList<QuarantinePlace> Places, IReadOnlyList<QuarantineExample> Examples);

/// <summary>
/// Quarantined rows grouped by reason, most frequent first: what `lake quarantine` prints and the console's quarantine
/// page shows. A row that failed several checks counts once under each.
/// </summary>
public static partial class QuarantineSummary
{
    public const int ExamplesPerGroup = 3;

    public static IReadOnlyList<QuarantineGroup> Of(LakeRoot root, string? dataset, string? run = null)
    {
        var groups = new List<Builder>();
        var byKind = new Dictionary<(string, string), Builder>();
        foreach (var contract in dataset is null ? root.Contracts() : [root.Contract(dataset)])
        {
            foreach (var entry in QuarantineReader.Entries(root, contract.Name, run))
            {
                var record = entry.Record;
                var reason = record.GetProperty("reason").GetString() ?? "";
                var rawObject = record.TryGetProperty("raw_object", out var o) ? o.GetString() ?? "" : "";
                // A data row counts the rows read from the object (no header, blank or unreadable lines); its line, when
                // recorded, is where it starts in the file. Records written before the rename call the data row "row".
                var dataRow = (record.TryGetProperty("data_row", out var row) || record.TryGetProperty("row", out row)) && row.ValueKind == JsonValueKind.Number ? row.GetInt64() : (long?)null;
                var line = record.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt64() : (long?)null;
                foreach (var part in ReasonParts().Split(reason))
                {
                    var kind = Quoted().Replace(LineNumber().Replace(part, "line N:"), "'…'");
                    if (!byKind.TryGetValue((contract.Name, kind), out var group))
                    {
                        group = new Builder(contract.Name, kind);
                        byKind[(contract.Name, kind)] = group;
                        groups.Add(group);
                    }
                    group.Add(new QuarantineExample(entry.Run, rawObject, dataRow, line, part));
                }
            }
        }
        return groups.OrderByDescending(g => g.Count).Select(g => g.Build()).ToList();
    }

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
