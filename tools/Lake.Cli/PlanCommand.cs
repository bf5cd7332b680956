using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Typing;

namespace SocarDataLake.Cli;

internal static partial class LakeCommands
{
    /// <summary>`lake plan`: the rendered typing plans, printed or written as &lt;dataset&gt;.json (the build's Glue input).</summary>
    public static int Plan(string? datasetsOption, string? dataset, string engine, string? outDir)
    {
        var contracts = ContractLoader.LoadDirectory(RepoLocator.DatasetsDirectory(datasetsOption));
        var chosen = dataset is null ? contracts : contracts.Where(c => c.Name == dataset).ToList();
        if (chosen.Count == 0)
            throw new LakeException($"unknown dataset '{dataset}': the contracts are {string.Join(", ", contracts.Select(c => c.Name))}.");
        ITypingPlanRenderer renderer = engine == "duckdb" ? DuckDbTypingPlanRenderer.Instance : SparkSqlTypingPlanRenderer.Instance;
        foreach (var contract in chosen)
        {
            var json = RenderedPlan.Render(ContractCompiler.Compile(contract), renderer, engine == "spark" ? RenderedPlan.JobPassThrough : null, contract.Format).ToJson() + "\n";
            if (outDir is null)
            {
                Console.Write(json);
                continue;
            }
            Directory.CreateDirectory(outDir);
            var path = Path.Combine(outDir, contract.Name + ".json");
            File.WriteAllText(path, json);
            Console.WriteLine($"wrote {path}");
        }
        return 0;
    }
}
