using System.Text.RegularExpressions;
using SocarDataLake.Core.Queries;

namespace SocarDataLake.Local.Tests.Queries;

/// <summary>
/// A query written against the local lake runs on Athena only if it names the same tables and columns. The local
/// views are read from a lake fed real data; the Athena tables are what Terraform builds from the same contracts
/// (terraform/env-common: one dataset per datasets/&lt;file&gt;.json; modules/catalog: one Glue table per dataset named
/// after it, its columns the contract's columns then its partitions' names). The rules Terraform applies are held
/// here by their text, so a change there fails this test until the comparison is brought along.
/// </summary>
public sealed partial class TableNamesTests
{
    private static string Terraform(params string[] parts) => File.ReadAllText(Repo.Path(["terraform", .. parts]));

    [Fact]
    public void Terraform_still_names_the_glue_tables_and_columns_after_the_contracts()
    {
        var common = Terraform("env-common", "main.tf");
        Assert.Contains("datasets       = { for f in local.contract_files : trimsuffix(f, \".json\") => jsondecode(", common, StringComparison.Ordinal);
        var lake = Terraform("env-common", "lake.tf");
        Assert.Contains("columns = [for c in d.columns : { name = c.name, type = c.type }]", lake, StringComparison.Ordinal);
        Assert.Contains("name = p.name", lake, StringComparison.Ordinal);
        var catalog = Terraform("modules", "catalog", "main.tf");
        Assert.Matches(@"resource ""aws_glue_catalog_table"" ""processed"" \{\s+for_each = var.datasets\s+name\s+= each.key", catalog);
        Assert.Contains("for_each = each.value.partitions", catalog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_views_have_the_athena_tables_names_and_columns()
    {
        using var lake = new TestLake();
        await lake.IngestAsync("tripdata", TestLake.Repo_Sample("sample_yellow_tripdata_2019-01.csv"));
        await lake.IngestAsync("rides", lake.WriteInput("rides.jsonl",
            "{\"vehiclenumber\":\"KA01AB1234\",\"vehicle_returned\":1735689600,\"kms_driven\":12.5,\"rating\":\"Good\",\"customer\":\"c1\",\"vehicle_type\":\"sedan\"}\n"));

        foreach (var contract in lake.Root.Contracts())
        {
            // Terraform's key for the dataset is the contract's file name; the local view's name is the contract's name.
            Assert.True(File.Exists(Repo.Path("datasets", contract.Name + ".json")), $"datasets/{contract.Name}.json: the file name must be the dataset's name");
            var athena = contract.Columns.Select(c => c.Name).Concat(contract.Partitioning.Select(p => p.Name)).ToList();
            var local = lake.Query($"DESCRIBE {contract.Name}").Rows.Select(r => (string)r[0]!).ToList();
            Assert.Equal(athena.Order(StringComparer.Ordinal), local.Order(StringComparer.Ordinal));
            // Glue keeps names in lower case: a mixed-case name would differ between the engines.
            Assert.All(athena, name => Assert.Matches("^[a-z_][a-z0-9_]*$", name));
        }
    }

    [Fact]
    public void Every_table_the_questions_read_is_a_dataset()
    {
        var datasets = Directory.EnumerateFiles(Repo.Path("datasets"), "*.json").Select(Path.GetFileNameWithoutExtension).Where(n => n != "contract.schema").ToHashSet(StringComparer.Ordinal);
        foreach (var question in QueryFile.ReadAll(Repo.Path("queries")))
            foreach (Match table in TableAfterFromOrJoin().Matches(Regex.Replace(question.Sql, "--[^\n]*", " ")))
                Assert.True(datasets.Contains(table.Groups[1].Value), $"{question.Path}: '{table.Groups[1].Value}' is not a dataset ({string.Join(", ", datasets)})");
    }

    [GeneratedRegex(@"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex TableAfterFromOrJoin();
}
