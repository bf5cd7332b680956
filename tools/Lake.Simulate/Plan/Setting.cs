namespace SocarDataLake.Simulate.Plan;

public enum SettingOrigin
{
    /// <summary>Read from the offline plan JSON: what Terraform would deploy.</summary>
    Plan,
    /// <summary>Not set by the plan: AWS's documented default applies.</summary>
    AwsDefault,
    /// <summary>Fixed by the design being simulated (the seed design's original wiring).</summary>
    Design,
}

/// <summary>One setting the simulation runs with, and where its value came from.</summary>
public sealed record Setting<T>(T Value, SettingOrigin Origin, string Where);

public static class Setting
{
    public static Setting<T> FromPlan<T>(T value, string where) => new(value, SettingOrigin.Plan, where);

    public static Setting<T> AwsDefault<T>(T value, string page) => new(value, SettingOrigin.AwsDefault, page);
}

/// <summary>A setting flattened for printing.</summary>
public sealed record SettingLine(string Name, string Value, SettingOrigin Origin, string Where);
