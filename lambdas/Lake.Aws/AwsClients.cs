namespace SocarDataLake.Aws;

/// <summary>Endpoints and protocol settings of the services the Lambdas call.</summary>
public static class AwsClients
{
    public static AwsJsonClient Glue(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "glue", endpoint ?? new Uri($"https://glue.{region}.amazonaws.com/"), "AWSGlue", "1.1", clock);

    public static AwsJsonClient Sqs(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "sqs", endpoint ?? new Uri($"https://sqs.{region}.amazonaws.com/"), "AmazonSQS", "1.0", clock);
}
