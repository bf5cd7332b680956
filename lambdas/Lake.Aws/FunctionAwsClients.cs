using SocarDataLake.Core.Zones;

namespace SocarDataLake.Aws;

/// <summary>
/// The AWS side of a Lambda function's start, the same for each: the credentials Lambda puts in the
/// environment, one HttpClient for every call of the process, and each service's client at its regional
/// endpoint unless AWS_ENDPOINT_URL_&lt;SERVICE&gt; (or AWS_ENDPOINT_URL) points elsewhere.
/// </summary>
public sealed class FunctionAwsClients
{
    // One for the process's life, as HttpClient is meant to be used: a function builds its handler once.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private readonly Func<string, string?> _variable;
    private readonly AwsCredentials _credentials;

    public FunctionAwsClients(Func<string, string?> variable, string region)
    {
        _variable = variable;
        Region = region;
        _credentials = AwsCredentials.FromEnvironment(variable);
    }

    public string Region { get; }

    public AwsJsonClient Glue() => AwsClients.Glue(Http, _credentials, Region, TimeProvider.System, AwsClients.EndpointOverride(_variable, "GLUE"));

    public AwsJsonClient Athena() => AwsClients.Athena(Http, _credentials, Region, TimeProvider.System, AwsClients.EndpointOverride(_variable, "ATHENA"));

    public AwsJsonClient Sqs() => AwsClients.Sqs(Http, _credentials, Region, TimeProvider.System, AwsClients.EndpointOverride(_variable, "SQS"));

    public AwsJsonClient DynamoDb() => AwsClients.DynamoDb(Http, _credentials, Region, TimeProvider.System, AwsClients.EndpointOverride(_variable, "DYNAMODB"));

    public AwsQueryClient Sns() => AwsClients.Sns(Http, _credentials, Region, TimeProvider.System, AwsClients.EndpointOverride(_variable, "SNS"));

    public S3ObjectReader S3Reader(IReadOnlyDictionary<Zone, string> buckets) =>
        new(Http, _credentials, Region, buckets, TimeProvider.System, AwsClients.EndpointOverride(_variable, "S3"));
}
