using SocarDataLake.Simulate.Plan;

namespace SocarDataLake.Simulate.Designs;

/// <summary>
/// One way of wiring the trigger path between the raw bucket and the Glue job. The simulated lake provides
/// the services (bucket, queues, functions, bus, crawlers, jobs) and the real handlers; a design connects
/// them. A new design is one class implementing this, registered in <see cref="Designs"/>.
/// </summary>
public interface IOrchestrationDesign
{
    /// <summary>The --design name.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>The settings this design runs with: the plan's, or the design's own where it differs.</summary>
    LakeSettings Settings(LakeSettings plan);

    /// <summary>The settings a reader should see for this design (the ones it uses).</summary>
    IEnumerable<SettingLine> Describe(LakeSettings settings);

    void Wire(SimulatedLake lake);
}

public static class Designs
{
    public static readonly IReadOnlyList<IOrchestrationDesign> All = [new ReconcilerDesign(), new QueueRetryDesign(), new SeedDesign()];

    public static IOrchestrationDesign? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
