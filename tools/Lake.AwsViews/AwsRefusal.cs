using Amazon.Runtime;
using SocarDataLake.Aws;

namespace SocarDataLake.AwsViews;

/// <summary>
/// An AWS service error met while reading the deployed lake, as one line a user can act on: the service, the call and
/// what it read, AWS's code and message, and what to check. The codes follow AWS's "Common Errors" (AccessDeniedException,
/// ExpiredTokenException, UnrecognizedClientException: 403) and S3's "Error responses" (AccessDenied 403, ExpiredToken
/// 400, InvalidAccessKeyId 403, SignatureDoesNotMatch 403).
/// </summary>
public static class AwsRefusal
{
    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId", "InvalidClientTokenId", "UnrecognizedClientException",
        "SignatureDoesNotMatch", "InvalidSignatureException", "InvalidToken", "TokenRefreshRequired", "MissingAuthenticationToken",
    };

    /// <param name="what">The call and its resource, such as "ListObjectsV2 of s3://bucket/prefix".</param>
    /// <param name="iamAction">The IAM action the call needs, with any resource the policy must name for it.</param>
    public static AwsAnswerException Explain(string service, string what, string iamAction, AmazonServiceException error) =>
        Explain(service, what, iamAction, error.ErrorCode ?? $"HTTP {(int)error.StatusCode}", error.Message,
            error.StatusCode >= System.Net.HttpStatusCode.InternalServerError || error.ErrorCode is "SlowDown" or "RequestThrottled" or "AWS.SimpleQueueService.RequestThrottled", error);

    public static AwsAnswerException Explain(string service, string what, string iamAction, AwsServiceException error)
    {
        // AwsServiceException's own message repeats the code and adds the status: the line wants AWS's words alone.
        var prefix = error.ErrorCode + ": ";
        var message = error.Message.StartsWith(prefix, StringComparison.Ordinal) ? error.Message[prefix.Length..] : error.Message;
        return Explain(service, what, iamAction, error.ErrorCode, message, error.IsRetryable, error);
    }

    private static AwsAnswerException Explain(string service, string what, string iamAction, string code, string message, bool passing, Exception inner)
    {
        var advice = code.Contains("AccessDenied", StringComparison.Ordinal)
            ? $"The caller needs {iamAction}; the lake's observe policy (terraform output observe_policy_arn) grants every action these views use."
            : CredentialCodes.Contains(code)
                ? "Check the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, or --profile/AWS_PROFILE): a session token that expired must be renewed, for example with 'aws sso login'."
                : passing
                    ? "AWS was busy or failing even after the retries; try again in a minute."
                    : $"Check the names, --region and the settings you gave; the call needs {iamAction}.";
        return new AwsAnswerException($"{service} {what} failed: {code}: {message.TrimEnd('.')}. {advice}", inner);
    }

    /// <summary>A call no answer came back to (refused, reset, unresolved), after the SDK's own retries.</summary>
    public static AwsAnswerException Unreachable(string service, string what, string endpointVariable, HttpRequestException error) =>
        new($"{service} {what} got no answer ({error.Message.TrimEnd('.')}); check the network, --region and {endpointVariable} if you set it, then run the command again.", error);
}
