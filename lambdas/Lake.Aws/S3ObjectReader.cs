using System.Net;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Aws;

/// <summary>
/// IObjectReader on S3: a signed GetObject, null for a missing key (404). Each zone maps to its bucket; with an
/// endpoint override (tests, emulators) requests are path-style.
/// </summary>
public sealed class S3ObjectReader(HttpClient http, AwsCredentials credentials, string region, IReadOnlyDictionary<Zone, string> buckets, TimeProvider clock, Uri? endpoint = null) : IObjectReader
{
    public async Task<Stream?> TryOpenReadAsync(ObjectRef obj, CancellationToken cancellationToken)
    {
        if (!buckets.TryGetValue(obj.Zone, out var bucket)) throw new InvalidOperationException($"No bucket is configured for the {obj.Zone} zone.");
        var path = string.Join('/', obj.Key.Split('/').Select(Uri.EscapeDataString));
        var uri = endpoint is null
            ? new Uri($"https://{bucket}.s3.{region}.amazonaws.com/{path}")
            : new Uri(endpoint, $"{bucket}/{path}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        SigV4Signer.Sign(request, [], credentials, region, "s3", clock.GetUtcNow(), addContentHash: true);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var requestId = response.Headers.TryGetValues("x-amz-request-id", out var ids) ? ids.FirstOrDefault() : null;
                throw AwsXmlError.Read(await response.Content.ReadAsStringAsync(cancellationToken), response.StatusCode, requestId);
            }
        }
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }
}
