using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Local;

namespace SocarDataLake.Cli;

/// <summary>The contract a producer verb writes for: the local lake's copy, or with --aws the repository's datasets/.</summary>
internal static class DatasetContracts
{
    public static DatasetContract? Find(string dataset, bool aws, string rootPath)
    {
        if (!aws) return LakeRoot.Open(rootPath).Contract(dataset);
        string folder;
        try
        {
            folder = RepoLocator.DatasetsDirectory(null);
        }
        catch (LakeException)
        {
            // Outside a checkout there are no contracts to check against; the raw key rules still apply.
            return null;
        }
        var contracts = ContractLoader.LoadDirectory(folder);
        return contracts.FirstOrDefault(c => c.Name == dataset)
            ?? throw new LakeException($"unknown dataset '{dataset}': the contracts in {folder} are {string.Join(", ", contracts.Select(c => c.Name))}.");
    }

    /// <summary>Streams land JSON lines (Firehose writes one JSON object per line), so only a jsonl dataset can take them.</summary>
    public static void RequireJsonLines(DatasetContract? contract, string file)
    {
        if (contract is null || contract.Format.Type == "jsonl") return;
        throw new LakeException($"the {contract.Name} contract reads {contract.Format.Type.ToUpperInvariant()} objects, but a stream lands JSON lines: stream into a jsonl dataset (such as rides), or load the file with 'lake ingest {file} --dataset {contract.Name}'.");
    }
}
