
namespace SocarDataLake.Cli.Athena;

/// <summary>Where `lake query --aws` runs: the lake's workgroup and the processed database, plus region and credentials.</summary>
internal sealed record AthenaSettings(AwsTarget Target, string Workgroup, string Database)
{
    /// <summary>Options first, then LAKE_WORKGROUP and LAKE_DATABASE; every missing setting is named in one error before anything is sent.</summary>
    public static AthenaSettings Resolve(AwsOptions options, string? workgroup, string? database, Func<string, string?> environment)
    {
        string? Setting(string? option, string variable) => option is { Length: > 0 } ? option : environment(variable) is { Length: > 0 } value ? value : null;
        var group = Setting(workgroup, "LAKE_WORKGROUP");
        var schema = Setting(database, "LAKE_DATABASE");
        var missing = new List<string>();
        if (group is null) missing.Add("the Athena workgroup: pass --workgroup <name> or set LAKE_WORKGROUP (terraform output athena_workgroup of the environment)");
        if (schema is null) missing.Add("the Glue database: pass --database <name> or set LAKE_DATABASE (terraform output processed_database_name of the environment)");
        var target = AwsTarget.Resolve(options, environment, needsBucket: false, needsStream: false, missing);
        return new AthenaSettings(target, group!, schema!);
    }
}
