using SocarDataLake.Core.Quarantine;

namespace SocarDataLake.Local;

/// <summary>
/// Quarantined rows grouped by reason, most frequent first: what `lake quarantine` prints and the console's quarantine
/// page shows. A row that failed several checks counts once under each.
/// </summary>
public static class QuarantineSummary
{
    public static IReadOnlyList<QuarantineGroup> Of(LakeRoot root, string? dataset, string? run = null)
    {
        var grouping = new QuarantineGrouping();
        foreach (var contract in dataset is null ? root.Contracts() : [root.Contract(dataset)])
            foreach (var entry in QuarantineReader.Entries(root, contract.Name, run))
                grouping.Add(contract.Name, entry.Run, entry.Record);
        return grouping.Groups();
    }
}
