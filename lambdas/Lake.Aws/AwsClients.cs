namespace SocarDataLake.Aws;

/// <summary>Endpoints and protocol settings of the services the Lambdas call.</summary>
public static class AwsClients
{
    public static AwsJsonClient Glue(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "glue", endpoint ?? new Uri($"https://glue.{region}.amazonaws.com/"), "AWSGlue", "1.1", clock);

    public static AwsJsonClient Sqs(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "sqs", endpoint ?? new Uri($"https://sqs.{region}.amazonaws.com/"), "AmazonSQS", "1.0", clock);

    public static AwsQueryClient Sns(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "sns", endpoint ?? new Uri($"https://sns.{region}.amazonaws.com/"), "2010-03-31", clock);

    /// <summary>
    /// AWS's standard endpoint overrides: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL
    /// (used by tests and by emulators; unset in a real Lambda).
    /// </summary>
    public static Uri? EndpointOverride(Func<string, string?> variable, string serviceId) =>
        (variable($"AWS_ENDPOINT_URL_{serviceId}") ?? variable("AWS_ENDPOINT_URL")) is { Length: > 0 } url ? new Uri(url) : null;
}
