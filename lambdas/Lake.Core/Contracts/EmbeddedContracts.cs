using System.Reflection;
using System.Text.Json;

namespace SocarDataLake.Core.Contracts;

/// <summary>Contracts compiled into a Lambda as resources named datasets/&lt;name&gt;.json.</summary>
public static class EmbeddedContracts
{
    public static IReadOnlyList<DatasetContract> Load(Assembly assembly)
    {
        var contracts = new List<DatasetContract>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("datasets/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var contract = JsonSerializer.Deserialize(stream, ContractJsonContext.Default.DatasetContract)
                ?? throw new JsonException($"{name}: the contract is empty.");
            contracts.Add(contract);
        }
        if (contracts.Count == 0) throw new InvalidOperationException($"{assembly.GetName().Name} bundles no dataset contracts (datasets/*.json).");
        return contracts;
    }

    public static IReadOnlySet<string> DatasetNames(Assembly assembly) =>
        Load(assembly).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
}
