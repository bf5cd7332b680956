using System.Diagnostics;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Typing;

namespace SocarDataLake.Build.Tests;

/// <summary>
/// The build renders plans in C# and the Glue job reads them in Python: every dataset's rendered Spark plan
/// must pass the job's own plan check (lake_glue.plan.load_plan), so a format change on either side fails here.
/// </summary>
public sealed class RenderedPlanContractTests
{
    public static TheoryData<string> Datasets() => new(ContractLoader.LoadDirectory(Repo.Path("datasets")).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Datasets))]
    public void The_glue_job_accepts_the_spark_plan_the_build_ships(string dataset)
    {
        var contract = ContractLoader.LoadDirectory(Repo.Path("datasets")).Single(c => c.Name == dataset);
        var json = RenderedPlan.Render(ContractCompiler.Compile(contract), SparkSqlTypingPlanRenderer.Instance, RenderedPlan.JobPassThrough, contract.Format).ToJson();
        var file = Path.Combine(Directory.CreateTempSubdirectory("plan-").FullName, dataset + ".json");
        File.WriteAllText(file, json);

        const string check = "import sys; from lake_glue.plan import load_plan; p = load_plan(open(sys.argv[1]).read(), sys.argv[1], sys.argv[2]); print(p.dataset, len(p.columns), ','.join(p.partition_keys), ','.join(p.pass_through), p.source_format.type, repr(p.source_format.delimiter))";
        var start = new ProcessStartInfo("python3", ["-c", check, file, dataset]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PYTHONPATH"] = Repo.Path("glue-scripts");
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEnd();
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();

        Assert.True(python.ExitCode == 0, $"lake_glue refused the {dataset} plan: {error}");
        Assert.Equal($"{dataset} {contract.Columns.Count} {string.Join(",", contract.Partitioning.Select(p => p.Name))} _raw_object,_raw_values {contract.Format.Type} '{contract.Format.Delimiter}'", output.Trim());
        File.Delete(file);
    }
}
