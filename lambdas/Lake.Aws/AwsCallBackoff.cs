using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocarDataLake.Aws;

/// <summary>
/// A signed JSON call repeated while AWS refuses it for throttling or a server error (AwsServiceException.IsRetryable),
/// with exponential backoff and full jitter, up to eight attempts; then the refusal is thrown. Validation and access
/// errors are thrown at once: they never succeed later. An answer lost on the way (the connection dropped, the
/// HttpClient timed out) is asked for again up to four times: the callers send only reads and Athena's
/// StartQueryExecution, whose ClientRequestToken makes a repeat return the query already created (Athena API
/// Reference, StartQueryExecution: "idempotent"). The answer is read through a source-generated type, so the path
/// stays Native AOT safe.
/// </summary>
public static class AwsCallBackoff
{
    private const int MaxAttempts = 8;
    private const int MaxLostAnswers = 4;
    private static readonly TimeSpan RetryBase = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryCap = TimeSpan.FromSeconds(5);

    public static async Task<T?> CallWithBackoffAsync<T>(this AwsJsonClient client, string operation, byte[] body, JsonTypeInfo<T> answer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lost = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await client.CallAsync(operation, body, cancellationToken);
                return response.Deserialize(answer);
            }
            catch (AwsServiceException e) when (e.IsRetryable && attempt < MaxAttempts)
            {
            }
            catch (Exception e) when (IsLostAnswer(e, cancellationToken))
            {
                if (++lost == MaxLostAnswers)
                    throw new AwsAnswerException($"{operation} got no answer in {lost} attempts ({e.GetType().Name}: {e.Message}); check the network and the endpoint, then run the command again.", e);
            }
            var ceiling = Math.Min(RetryCap.TotalMilliseconds, RetryBase.TotalMilliseconds * Math.Pow(2, attempt - 1));
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), clock, cancellationToken);
        }
    }

    // HttpClient reports its own timeout as a TaskCanceledException whose token is not the caller's.
    private static bool IsLostAnswer(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
