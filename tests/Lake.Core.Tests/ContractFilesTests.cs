using System.Text.Json;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Core.Tests;

public sealed class ContractFilesTests
{
    public static TheoryData<string> ContractFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Datasets, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ContractFiles))]
    public void Contract_file_name_matches_dataset_name_and_every_column_has_source_and_type(string file)
    {
        var contract = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(RepoPaths.Datasets, file)), ContractJsonContext.Default.DatasetContract);

        Assert.NotNull(contract);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), contract.Name);
        Assert.NotEmpty(contract.Columns);
        Assert.All(contract.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Source) || string.IsNullOrWhiteSpace(c.Type), $"{file}: column '{c.Name}' needs a source and a type"));
        Assert.All(contract.Partitioning, pk => Assert.Contains(contract.Columns, c => c.Name == pk.Column));
    }

    [Fact]
    public void The_first_two_datasets_are_tripdata_and_rides()
    {
        var names = ContractFiles().Select(row => (string)row.Data).ToList();
        Assert.Contains("tripdata.json", names);
        Assert.Contains("rides.json", names);
    }
}
