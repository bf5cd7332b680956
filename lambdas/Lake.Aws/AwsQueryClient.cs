using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace SocarDataLake.Aws;

/// <summary>
/// A signed client for AWS's query protocol (SNS): a form-encoded POST with Action and Version, XML back.
/// </summary>
public sealed class AwsQueryClient(HttpClient http, AwsCredentials credentials, string region, string service, Uri endpoint, string apiVersion, TimeProvider clock)
{
    public async Task<XElement> CallAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var form = new[] { KeyValuePair.Create("Action", action), KeyValuePair.Create("Version", apiVersion) }.Concat(parameters)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}");
        var body = Encoding.UTF8.GetBytes(string.Join('&', form));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        SigV4Signer.Sign(request, body, credentials, region, service, clock.GetUtcNow());

        using var response = await http.SendAsync(request, cancellationToken);
        var payload = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw AwsXmlError.Read(payload, response.StatusCode, null);
        return XElement.Parse(payload);
    }
}
