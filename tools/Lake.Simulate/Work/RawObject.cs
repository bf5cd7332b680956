namespace SocarDataLake.Simulate.Work;

/// <summary>One object that landed in the raw zone, and what became of it.</summary>
public sealed class RawObject(int id, string dataset, string key, double landedAt, bool valid)
{
    public int Id { get; } = id;
    public string Dataset { get; } = dataset;
    public string Key { get; } = key;
    public double LandedAt { get; } = landedAt;

    /// <summary>False for poison: a key no contract accepts, which must end in a DLQ with its reason.</summary>
    public bool Valid { get; } = valid;

    /// <summary>Job runs whose output for this object became visible in the processed zone.</summary>
    public List<string> WrittenBy { get; } = [];

    /// <summary>Committed to the job bookmark: later runs no longer read it.</summary>
    public bool Bookmarked { get; set; }

    /// <summary>When its rows first became queryable (the end of the first run that wrote it).</summary>
    public double? QueryableAt { get; set; }

    /// <summary>Messages carrying this object's event that ended in a dead-letter queue.</summary>
    public int DeadLettered { get; set; }
}
