using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocarDataLake.Aws;

/// <summary>
/// A signed JSON call repeated while AWS refuses it for throttling or a server error (AwsServiceException.IsRetryable),
/// with exponential backoff and full jitter, up to eight attempts; then the refusal is thrown. Validation and access
/// errors are thrown at once: they never succeed later. The answer is read through a source-generated type, so the
/// path stays Native AOT safe.
/// </summary>
public static class AwsCallBackoff
{
    private const int MaxAttempts = 8;
    private static readonly TimeSpan RetryBase = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryCap = TimeSpan.FromSeconds(5);

    public static async Task<T?> CallWithBackoffAsync<T>(this AwsJsonClient client, string operation, byte[] body, JsonTypeInfo<T> answer, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await client.CallAsync(operation, body, cancellationToken);
                return response.Deserialize(answer);
            }
            catch (AwsServiceException e) when (e.IsRetryable && attempt < MaxAttempts)
            {
                var ceiling = Math.Min(RetryCap.TotalMilliseconds, RetryBase.TotalMilliseconds * Math.Pow(2, attempt - 1));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), clock, cancellationToken);
            }
        }
    }
}
