namespace SocarDataLake.Aws;

/// <summary>Endpoints and protocol settings of the services the Lambdas and the `lake` producers call.</summary>
public static class AwsClients
{
    public static AwsJsonClient Glue(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "glue", endpoint ?? new Uri($"https://glue.{region}.amazonaws.com/"), "AWSGlue", "1.1", clock);

    public static AwsJsonClient Sqs(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "sqs", endpoint ?? new Uri($"https://sqs.{region}.amazonaws.com/"), "AmazonSQS", "1.0", clock);

    /// <summary>
    /// DynamoDB: awsJson1_0 with targets "DynamoDB_20120810.&lt;Operation&gt;" (DynamoDB API Reference, "Making
    /// HTTP requests": the API version 2012-08-10); signed for the service name "dynamodb".
    /// </summary>
    public static AwsJsonClient DynamoDb(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "dynamodb", endpoint ?? new Uri($"https://dynamodb.{region}.amazonaws.com/"), "DynamoDB_20120810", "1.0", clock);

    /// <summary>Kinesis Data Streams: awsJson1_1 with targets "Kinesis_20131202.&lt;Operation&gt;" (the API version 2013-12-02).</summary>
    public static AwsJsonClient Kinesis(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "kinesis", endpoint ?? new Uri($"https://kinesis.{region}.amazonaws.com/"), "Kinesis_20131202", "1.1", clock);

    /// <summary>Athena: awsJson1_1 with targets "AmazonAthena.&lt;Operation&gt;" (Athena API Reference, API version 2017-05-18); signed for "athena".</summary>
    public static AwsJsonClient Athena(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "athena", endpoint ?? new Uri($"https://athena.{region}.amazonaws.com/"), "AmazonAthena", "1.1", clock);

    public static AwsQueryClient Sns(HttpClient http, AwsCredentials credentials, string region, TimeProvider clock, Uri? endpoint = null) =>
        new(http, credentials, region, "sns", endpoint ?? new Uri($"https://sns.{region}.amazonaws.com/"), "2010-03-31", clock);

    /// <summary>
    /// AWS's standard endpoint overrides: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL
    /// (used by tests and by emulators; unset in a real Lambda).
    /// </summary>
    public static Uri? EndpointOverride(Func<string, string?> variable, string serviceId) =>
        (variable($"AWS_ENDPOINT_URL_{serviceId}") ?? variable("AWS_ENDPOINT_URL")) is { Length: > 0 } url ? new Uri(url) : null;
}
