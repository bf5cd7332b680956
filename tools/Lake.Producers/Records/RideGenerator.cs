namespace SocarDataLake.Producers.Records;

/// <summary>
/// Ride events like the original stream generator's: a fleet of cars with Indian registration numbers, each
/// event a returned car with its distance, rating, customer and type. Everything comes from one seeded
/// <see cref="Random"/> and event times advance by 1/<c>eventsPerSecond</c> from <c>start</c>, so the same
/// seed, start and rate give byte-identical events.
/// </summary>
public sealed class RideGenerator
{
    private static readonly string[] States = ["KA", "MH", "DL", "TN", "TS", "KL", "GJ", "RJ", "UP", "WB"];
    private static readonly string[] VehicleTypes = ["Hatchback", "Sedan", "SUV", "MUV", "Luxury"];
    private static readonly string[] FirstNames = ["Aarav", "Vivaan", "Aditya", "Ananya", "Diya", "Ishaan", "Kavya", "Meera", "Rohan", "Saanvi", "Arjun", "Priya", "Karthik", "Neha", "Vikram", "Zara"];
    private static readonly string[] LastNames = ["Sharma", "Patel", "Reddy", "Iyer", "Nair", "Gupta", "Khan", "Singh", "Das", "Menon", "Rao", "Joshi"];

    private readonly Random _random;
    private readonly DateTimeOffset _start;
    private readonly double _eventsPerSecond;
    private readonly (string Number, string Type)[] _fleet;

    public RideGenerator(int seed, DateTimeOffset start, double eventsPerSecond, int fleetSize = 500)
    {
        if (eventsPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), "the event rate must be positive");
        _random = new Random(seed);
        _start = start;
        _eventsPerSecond = eventsPerSecond;
        _fleet = Enumerable.Range(0, fleetSize).Select(_ => (Registration(), Pick(VehicleTypes))).ToArray();
    }

    public IEnumerable<RideEvent> Events()
    {
        for (long i = 0; ; i++)
        {
            var (number, type) = _fleet[_random.Next(_fleet.Length)];
            yield return new RideEvent(
                number,
                _start.ToUnixTimeSeconds() + (long)(i / _eventsPerSecond),
                Math.Round(1 + _random.NextDouble() * _random.NextDouble() * 400, 1),
                Rating(),
                $"{Pick(FirstNames)} {Pick(LastNames)}",
                type);
        }
    }

    // Most rides go well: about 60% Good, 28% Average, 12% Bad.
    private string Rating() => _random.Next(100) switch
    {
        < 60 => "Good",
        < 88 => "Average",
        _ => "Bad",
    };

    private string Registration() =>
        $"{Pick(States)}{_random.Next(1, 100):D2}{(char)('A' + _random.Next(26))}{(char)('A' + _random.Next(26))}{_random.Next(1, 10000):D4}";

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
