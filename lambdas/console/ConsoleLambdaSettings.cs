using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;
using SocarDataLake.LakeConsole;
using SocarDataLake.LakeConsole.Aws;

namespace SocarDataLake.ConsoleLambda;

/// <summary>
/// What the console's function reads at start: the environment terraform/env-common/console.tf gives it, and the
/// contracts and dashboards carried inside the bootstrap. Every missing variable is named in one error.
/// </summary>
internal sealed record ConsoleLambdaSettings(AwsConsoleSettings Lake, ConsoleSignIn SignIn, string DashboardsFolder)
{
    /// <summary>The variables the function needs; AWS_REGION and the credentials are Lambda's own.</summary>
    public static readonly IReadOnlyList<string> Required =
    [
        "AWS_REGION", "LAKE_DATABASE", "LAKE_WORKGROUP", "LAKE_PROCESSED_BUCKET", "LAKE_QUARANTINE_BUCKET", "LAKE_JOB_PREFIX",
        "LAKE_CONSOLE_AUTH_DOMAIN", "LAKE_CONSOLE_CLIENT_ID",
    ];

    /// <summary>Read when set: Athena's price per TB scanned (without it the SQL page shows no cost).</summary>
    public static readonly IReadOnlyList<string> Optional = ["LAKE_ATHENA_USD_PER_TB"];

    public static ConsoleLambdaSettings Read(Func<string, string?> variable)
    {
        var missing = Required.Where(name => string.IsNullOrEmpty(variable(name))).ToList();
        if (missing.Count > 0)
            throw new LakeException($"the lake console's function cannot start: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set (terraform/env-common/console.tf sets them on the function).");
        var bundled = Bundled.Extract();
        var lake = AwsConsoleSettings.FromEnvironment(variable, ContractLoader.LoadDirectory(bundled.Datasets));
        return new ConsoleLambdaSettings(lake, new ConsoleSignIn(variable("LAKE_CONSOLE_AUTH_DOMAIN")!, variable("LAKE_CONSOLE_CLIENT_ID")!), bundled.Dashboards);
    }
}
