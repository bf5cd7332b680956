using System.Text.Json;
using System.Text.RegularExpressions;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Producers.Records;

namespace SocarDataLake.Producers.Tests;

public sealed partial class RideGeneratorTests
{
    private static readonly string[] VehicleTypes = ["Hatchback", "Sedan", "SUV", "MUV", "Luxury"];
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<string> Json(int seed, int count, double rate = 100) =>
        new RideGenerator(seed, Start, rate).Events().Take(count).Select(e => System.Text.Encoding.UTF8.GetString(e.ToJson())).ToList();

    [Fact]
    public void The_same_seed_gives_the_same_records_and_another_seed_others()
    {
        Assert.Equal(Json(42, 1000), Json(42, 1000));
        Assert.NotEqual(Json(42, 100), Json(43, 100));
    }

    [Fact]
    public void Every_record_has_the_contract_source_fields_with_values_it_accepts()
    {
        var contract = ContractLoader.LoadDirectory(Repo.Path("datasets")).Single(c => c.Name == "rides");
        var ratings = contract.Columns.Single(c => c.Source == "rating").AllowedValues!;
        var records = Json(7, 5000, rate: 50);
        long previous = 0;
        foreach (var json in records)
        {
            var record = JsonDocument.Parse(json).RootElement;
            Assert.Equal(contract.Columns.Select(c => c.Source).Order(), record.EnumerateObject().Select(p => p.Name).Order());
            Assert.Matches(Registration(), record.GetProperty("vehiclenumber").GetString());
            var returned = record.GetProperty("vehicle_returned").GetInt64();
            Assert.InRange(returned, Start.ToUnixTimeSeconds(), Start.ToUnixTimeSeconds() + 5000 / 50);
            Assert.True(returned >= previous, "event times never go backwards");
            previous = returned;
            Assert.InRange(record.GetProperty("kms_driven").GetDouble(), 0.1, 1000);
            Assert.Contains(record.GetProperty("rating").GetString(), ratings);
            Assert.False(string.IsNullOrWhiteSpace(record.GetProperty("customer").GetString()));
            Assert.Contains(record.GetProperty("vehicle_type").GetString(), VehicleTypes);
        }
        Assert.Equal(3, records.Select(r => JsonDocument.Parse(r).RootElement.GetProperty("rating").GetString()).Distinct().Count());
    }

    [GeneratedRegex("^[A-Z]{2}[0-9]{2}[A-Z]{2}[0-9]{4}$")]
    private static partial Regex Registration();
}
