using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Core.Typing;

/// <summary>Compiles a validated contract into its typing plan.</summary>
public static class ContractCompiler
{
    public static TypingPlan Compile(DatasetContract contract)
    {
        var columns = contract.Columns.Select(c => new PlannedColumn(
            c.Name,
            c.Source,
            TargetType.Parse(c.Type),
            FormatsFor(c.Format),
            c.Required,
            c.TrueValues,
            c.FalseValues,
            c.AllowedValues)).ToList();
        var partitions = contract.Partitioning.Select(p => new PlannedPartition(p.Name, p.Column, p.Transform)).ToList();
        return new TypingPlan(contract.Name, contract.Format.Type, columns, partitions);
    }

    // Sources often drop the seconds ("2019-01-12 12:17"): a seconds format also accepts that shape.
    private static List<string> FormatsFor(string? format)
    {
        if (format is null) return [];
        var formats = new List<string> { format };
        if (format.Contains(":%S", StringComparison.Ordinal)) formats.Add(format.Replace(":%S", "", StringComparison.Ordinal));
        return formats;
    }
}
