using Amazon;
using Amazon.S3;
using SocarDataLake.Deploy;

// lake-deploy push --bucket <artifacts bucket> --from <artifacts dir> --tfvars <file> [--kms-key arn] [--region r] [--endpoint url]
// Called by the build's Upload target; usable by hand with the same arguments.
const string usage = "usage: lake-deploy push --bucket <name> --from <artifacts dir> --tfvars <output file> [--kms-key <lake key ARN>] [--region <region>] [--endpoint <url>]";
if (args.Length == 0 || args[0] != "push")
{
    Console.Error.WriteLine(usage);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"unexpected argument '{args[i]}'\n{usage}");
        return 2;
    }
    options[args[i][2..]] = args[++i];
}
foreach (var required in new[] { "bucket", "from", "tfvars" })
{
    if (!options.ContainsKey(required))
    {
        Console.Error.WriteLine($"missing --{required}\n{usage}");
        return 2;
    }
}

try
{
    var artifacts = ArtifactSet.Load(options["from"]);
    var config = new AmazonS3Config();
    if (options.TryGetValue("region", out var region)) config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
    if (options.TryGetValue("endpoint", out var endpoint))
    {
        config.ServiceURL = endpoint;
        config.ForcePathStyle = true;
    }
    using var s3 = new AmazonS3Client(config);
    Console.WriteLine($"Publishing {artifacts.All.Count()} artifacts to s3://{options["bucket"]}/");
    var (uploaded, unchanged) = await new ArtifactPublisher(new S3ArtifactStore(s3, options["bucket"], options.GetValueOrDefault("kms-key")), Console.Out).PublishAsync(artifacts, CancellationToken.None);
    await File.WriteAllTextAsync(options["tfvars"], artifacts.TerraformVariables().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"{uploaded} uploaded, {unchanged} unchanged; Terraform variables in {options["tfvars"]}");
    return 0;
}
catch (ArtifactException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (AmazonS3Exception e)
{
    Console.Error.WriteLine($"S3 refused the upload to '{options["bucket"]}': {e.ErrorCode} ({(int)e.StatusCode}) {e.Message}. Check the bucket name, region and the credentials' s3:PutObject permission.");
    return 1;
}
