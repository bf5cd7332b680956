using SocarDataLake.Core.Contracts;

namespace SocarDataLake.Local.Tests;

public sealed class ContractLoaderTests
{
    private static ContractException Load(string json)
    {
        var dir = Directory.CreateTempSubdirectory("contracts-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "trips.json"), json);
            return Assert.Throws<ContractException>(() => ContractLoader.LoadFile(Path.Combine(dir, "trips.json")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_repositorys_contracts_load()
    {
        var names = ContractLoader.LoadDirectory(Repo.Path("datasets")).Select(c => c.Name);

        Assert.Equal(["rides", "tripdata"], names);
    }

    [Theory]
    [InlineData("""{"name":"trips","format":{"type":"csv"},"columns":[{"name":"a","source":"A","type":"intt"}]}""", "columns[0].type", "'intt' is not a type")]
    [InlineData("""{"name":"trips","format":{"type":"xml"},"columns":[{"name":"a","source":"A","type":"int"}]}""", "format.type", "'xml' is not supported")]
    [InlineData("""{"name":"other","format":{"type":"csv"},"columns":[{"name":"a","source":"A","type":"int"}]}""", "name", "must match the file name 'trips'")]
    [InlineData("""{"name":"trips","format":{"type":"csv"},"columns":[{"name":"a","source":"A","type":"int"}],"partitioning":[{"name":"y","column":"a","transform":"year"}]}""", "partitioning[0].transform", "year needs a date or timestamp column")]
    [InlineData("""{"name":"trips","format":{"type":"csv"},"columns":[{"name":"a","source":"A","type":"decimal(40,2)"}]}""", "columns[0].type", "'decimal(40,2)' is not a type")]
    [InlineData("""{"name":"trips","format":{"type":"csv"},"columns":[{"name":"Fare","source":"A","type":"int"}]}""", "columns[0].name", "not a snake_case column name")]
    [InlineData("""{"name":"trips","format":{"type":"csv"},"columns":[{"name":"a","source":"A","type":"date"},{"name":"b","source":"B","type":"date","format":"%d/%m/%y"}]}""", "columns[1].format", "%y (two-digit year) is refused")]
    [InlineData("""{"name":"trips","format":{"type":"csv"},"columns":[{"name":"b","source":"B","type":"timestamp","format":"%Y-%m-%d %I:%M:%S"}]}""", "columns[0].format", "%I (12-hour clock) needs %p")]
    [InlineData("""{"name":"trips","format":{"type":"csv"},"columns":[{"name":"b","source":"B","type":"timestamp","format":"%Y-%m-%d %H:%M:%S %p"}]}""", "columns[0].format", "%p (AM/PM) goes with %I")]
    [InlineData("""{"name":"trips","format":{"type":"csv"},"columns":[{"name":"b","source":"B","type":"date","format":"%Y %j"}]}""", "columns[0].format", "%j (day of year) is refused")]
    public void A_bad_contract_names_the_file_and_the_field(string json, string field, string problem)
    {
        var error = Load(json);

        Assert.Equal("trips.json", error.File);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_names_the_line()
    {
        var error = Load("{\n  \"name\": \"trips\",\n  \"columns\": [ oops ]\n}");

        Assert.Contains("trips.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }
}
