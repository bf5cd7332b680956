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

    /// <summary>
    /// `lake stream` picks its dataset by its generator (`stream rides` feeds rides), so a --dataset is checked, not
    /// obeyed: a CSV dataset, or another dataset than the generator's, is refused naming the datasets that stream.
    /// </summary>
    public static void RequireStreamDataset(string? dataset, string? generator, string rootPath)
    {
        if (dataset is null && generator is not null) return;
        var streaming = StreamingDatasets(rootPath);
        var names = streaming.Count > 0 ? string.Join(", ", streaming) : "none (no jsonl contract)";
        if (dataset is null)
            throw new LakeException($"lake stream needs a generator: 'lake stream rides --rate 50 --count 1000' feeds the rides dataset; a CSV file's rows stream with 'lake stream-csv <file> --dataset <d>'. Datasets that take streams: {names}.");
        if (dataset == generator) return;
        var format = streaming.Contains(dataset) ? "JSON lines" : "a dataset that takes no stream";
        throw new LakeException(generator is null
            ? $"--dataset {dataset}: lake stream generates events for a generator's own dataset ('lake stream rides' feeds rides); {(streaming.Contains(dataset) ? $"to send a file's rows into {dataset} use 'lake stream-csv <file> --dataset {dataset}'" : $"{dataset} is not one a stream can feed, since streams land JSON lines")}. Datasets that take streams: {names}."
            : $"--dataset {dataset}: 'lake stream {generator}' feeds only the {generator} dataset ({(format == "JSON lines" ? $"{dataset} takes JSON lines too: send a file's rows with 'lake stream-csv <file> --dataset {dataset}'" : $"{dataset} is not one a stream can feed, since streams land JSON lines")}). Datasets that take streams: {names}.");
    }

    // The lake's contracts when there is a lake, else the repository's.
    private static List<string> StreamingDatasets(string rootPath)
    {
        try
        {
            return LakeRoot.Open(rootPath).Contracts().Where(c => c.Format.Type == "jsonl").Select(c => c.Name).ToList();
        }
        catch (LakeException)
        {
            try
            {
                return ContractLoader.LoadDirectory(RepoLocator.DatasetsDirectory(null)).Where(c => c.Format.Type == "jsonl").Select(c => c.Name).ToList();
            }
            catch (LakeException)
            {
                return [];
            }
        }
    }
}
