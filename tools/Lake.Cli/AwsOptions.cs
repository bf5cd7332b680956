using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using SocarDataLake.Aws;
using SocarDataLake.Core;

namespace SocarDataLake.Cli;

/// <summary>The `--aws` options of the producer verbs, as given on the command line (null when absent).</summary>
public sealed record AwsOptions(string? Profile, string? Region, string? Bucket, string? Stream, string? KmsKey = null);

/// <summary>Where and as whom the producers talk to AWS, resolved from the options and then the environment.</summary>
public sealed record AwsTarget(AWSCredentials Credentials, string Region, string? Bucket, string? Stream, string? KmsKeyArn = null)
{
    /// <summary>An S3 client in the target's region, or at AWS_ENDPOINT_URL_S3 (path style, signed for the region) when set.</summary>
    public Amazon.S3.AmazonS3Client S3Client()
    {
        var config = new Amazon.S3.AmazonS3Config();
        if (PointAt(config, "S3")) config.ForcePathStyle = true;
        return new Amazon.S3.AmazonS3Client(Credentials, config);
    }

    /// <summary>An SQS client in the target's region, or at AWS_ENDPOINT_URL_SQS (signed for the region) when set.</summary>
    public Amazon.SQS.AmazonSQSClient SqsClient()
    {
        var config = new Amazon.SQS.AmazonSQSConfig();
        PointAt(config, "SQS");
        return new Amazon.SQS.AmazonSQSClient(Credentials, config);
    }

    // The region's endpoint, or the service's endpoint override signed for the region; true when overridden.
    private bool PointAt(ClientConfig config, string service)
    {
        config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Region);
        if (AwsClients.EndpointOverride(Environment.GetEnvironmentVariable, service) is not { } endpoint) return false;
        config.ServiceURL = endpoint.ToString();
        config.AuthenticationRegion = Region;
        return true;
    }

    /// <summary>
    /// Options first, then the environment: region from --region or AWS_REGION, bucket from --bucket or
    /// LAKE_RAW_BUCKET, stream from --stream or LAKE_STREAM, the lake key uploads name from --kms-key or
    /// LAKE_KMS_KEY_ARN (optional: without it the bucket's default key applies). Every missing setting is named in one error
    /// before credentials are looked up; credentials come from --profile, else AWS_ACCESS_KEY_ID and
    /// AWS_SECRET_ACCESS_KEY, else AWS_PROFILE or the default profile, else the SDK's default chain
    /// (container or instance roles).
    /// </summary>
    /// <param name="alsoMissing">Settings of the calling verb found missing (named in the same error).</param>
    public static AwsTarget Resolve(AwsOptions options, Func<string, string?> environment, bool needsBucket, bool needsStream, IReadOnlyList<string>? alsoMissing = null)
    {
        string? Setting(string? option, string variable) => option is { Length: > 0 } ? option : environment(variable) is { Length: > 0 } value ? value : null;
        var region = Setting(options.Region, "AWS_REGION");
        var bucket = Setting(options.Bucket, "LAKE_RAW_BUCKET");
        var stream = Setting(options.Stream, "LAKE_STREAM");
        var kmsKey = Setting(options.KmsKey, "LAKE_KMS_KEY_ARN");
        // A key id, alias or a typo here would make S3 refuse every put (the bucket policy names the key's ARN).
        if (kmsKey is not null && !kmsKey.StartsWith("arn:", StringComparison.Ordinal))
            throw new LakeException($"--kms-key {kmsKey}: give the lake key's ARN (terraform output kms_key_arn of the environment), arn:aws:kms:<region>:<account>:key/<id>.");
        var missing = new List<string>(alsoMissing ?? []);
        if (needsBucket && bucket is null) missing.Add("the raw bucket: pass --bucket <name> or set LAKE_RAW_BUCKET (terraform output raw_bucket_name of the environment)");
        if (needsStream && stream is null) missing.Add("the Kinesis stream: pass --stream <name or ARN> or set LAKE_STREAM (terraform output stream_names of the environment)");
        if (region is null) missing.Add("the AWS region: pass --region <region> or set AWS_REGION");
        if (missing.Count > 0)
            throw new LakeException($"--aws needs {string.Join("; and ", missing)}.");
        return new AwsTarget(FindCredentials(options.Profile, environment), region!, bucket, stream, kmsKey);
    }

    private static AWSCredentials FindCredentials(string? profile, Func<string, string?> environment)
    {
        if (profile is not null)
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile)
                ? fromProfile
                : throw new LakeException($"--profile {profile}: no such profile in ~/.aws/credentials or ~/.aws/config.");
        }
        if (environment("AWS_ACCESS_KEY_ID") is { Length: > 0 } id && environment("AWS_SECRET_ACCESS_KEY") is { Length: > 0 } secret)
            return environment("AWS_SESSION_TOKEN") is { Length: > 0 } token ? new SessionAWSCredentials(id, secret, token) : new BasicAWSCredentials(id, secret);
        var named = environment("AWS_PROFILE") ?? "default";
        if (new CredentialProfileStoreChain().TryGetAWSCredentials(named, out var fromNamed)) return fromNamed;
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException)
        {
            throw new LakeException("--aws found no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, set AWS_PROFILE, or pass --profile <name>.");
        }
    }

    /// <summary>The signed client's credentials: a snapshot of the current keys (session credentials last an hour or more).</summary>
    public async Task<AwsCredentials> KeysAsync()
    {
        var keys = await Credentials.GetCredentialsAsync();
        return new AwsCredentials(keys.AccessKey, keys.SecretKey, string.IsNullOrEmpty(keys.Token) ? null : keys.Token);
    }
}
