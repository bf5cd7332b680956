using SocarDataLake.Aws;

namespace SocarDataLake.Lambdas.Tests;

public sealed class SigV4SignerTests
{
    // AWS's worked example of Signature Version 4 (IAM ListUsers, 2015-08-30, us-east-1).
    private static readonly AwsCredentials ExampleCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTimeOffset ExampleTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void Reproduces_the_documented_example_signature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08")
        {
            Content = new ByteArrayContent([]),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");

        SigV4Signer.Sign(request, [], ExampleCredentials, "us-east-1", "iam", ExampleTime);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
            request.Headers.GetValues("Authorization").Single());
        Assert.Equal("20150830T123600Z", request.Headers.GetValues("X-Amz-Date").Single());
    }

    [Fact]
    public void Derives_the_documented_signing_key()
    {
        var key = SigV4Signer.SigningKey(ExampleCredentials.SecretAccessKey, "20150830", "us-east-1", "iam");

        Assert.Equal("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9", Convert.ToHexString(key).ToLowerInvariant());
    }

    [Fact]
    public void A_session_token_is_sent_and_signed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://glue.ap-south-1.amazonaws.com/") { Content = new ByteArrayContent("{}"u8.ToArray()) };

        SigV4Signer.Sign(request, "{}"u8.ToArray(), ExampleCredentials with { SessionToken = "session-token" }, "ap-south-1", "glue", ExampleTime);

        Assert.Equal("session-token", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Contains("x-amz-security-token", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_never_print_the_secret_or_the_session_token()
    {
        const string token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
        var credentials = ExampleCredentials with { SessionToken = token };
        var printed = $"{credentials} {new { credentials }}";

        Assert.DoesNotContain(credentials.SecretAccessKey, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, printed, StringComparison.Ordinal);
        Assert.Contains(credentials.AccessKeyId, printed, StringComparison.Ordinal);
    }
}
