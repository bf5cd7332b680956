using System.Text.Json;

namespace SocarDataLake.Producers.Records;

/// <summary>One ride event with the original generator's fields, written with the rides contract's source names.</summary>
public sealed record RideEvent(string VehicleNumber, long VehicleReturned, double KmsDriven, string Rating, string Customer, string VehicleType)
{
    public static readonly IReadOnlyList<string> Ratings = ["Good", "Average", "Bad"];

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream(192);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("vehiclenumber", VehicleNumber);
            w.WriteNumber("vehicle_returned", VehicleReturned);
            w.WriteNumber("kms_driven", KmsDriven);
            w.WriteString("rating", Rating);
            w.WriteString("customer", Customer);
            w.WriteString("vehicle_type", VehicleType);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
