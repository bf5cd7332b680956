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

    // ARCHITECTURE §2: tripdata is the NYC TLC yellow-taxi CSV the original design ingested (its real sample sits in
    // ../shared/data/nyc-taxi/), rides the car-ride JSON events of the original stream generator.
    [Fact]
    public void The_first_two_datasets_read_the_yellow_taxi_csv_and_the_ride_events_as_json_lines()
    {
        var sample = Path.Combine(RepoPaths.Root, "..", "shared", "data", "nyc-taxi", "sample_yellow_tripdata_2019-01.csv");
        var tripdata = Load("tripdata.json");
        var rides = Load("rides.json");

        Assert.Equal(("csv", ","), (tripdata.Format.Type, tripdata.Format.Delimiter));
        Assert.Equal(File.ReadLines(sample).First().Split(','), tripdata.Columns.Select(c => c.Source));
        Assert.Equal("jsonl", rides.Format.Type);
        Assert.Equal(["vehiclenumber", "vehicle_returned", "kms_driven", "rating", "customer", "vehicle_type"], rides.Columns.Select(c => c.Source));
    }

    private static DatasetContract Load(string file) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(RepoPaths.Datasets, file)), ContractJsonContext.Default.DatasetContract)!;
}
