namespace SocarDataLake.Aws;

/// <summary>Credentials as Lambda hands them to a function: the execution role's keys in the environment.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    public static AwsCredentials FromEnvironment(Func<string, string?> variable)
    {
        var id = variable("AWS_ACCESS_KEY_ID");
        var secret = variable("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
            throw new InvalidOperationException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: run inside Lambda or export credentials.");
        return new AwsCredentials(id, secret, variable("AWS_SESSION_TOKEN"));
    }

    // Never let a secret reach a log line through ToString.
    public override string ToString() => $"AwsCredentials({AccessKeyId}, secret hidden)";
}
