using System.Net;
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
        if (!response.IsSuccessStatusCode) throw XmlError(payload, response.StatusCode, null);
        return XElement.Parse(payload);
    }

    /// <summary>
    /// AWS's XML errors: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt; (query
    /// protocol) or &lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;RequestId/&gt;&lt;/Error&gt; (S3).
    /// </summary>
    public static AwsServiceException XmlError(string payload, HttpStatusCode status, string? requestIdHeader)
    {
        string code = $"Http{(int)status}", message = status.ToString(), requestId = requestIdHeader ?? "";
        try
        {
            var root = XElement.Parse(payload);
            var error = root.Name.LocalName == "Error" ? root : root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            string? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            code = Child(error, "Code") ?? code;
            message = Child(error, "Message") ?? message;
            requestId = Child(root, "RequestId") ?? Child(error, "RequestId") ?? requestId;
        }
        catch (System.Xml.XmlException)
        {
            // Not XML (a proxy answered): keep the status.
        }
        return new AwsServiceException(code, message, status, requestId.Length > 0 ? requestId : null);
    }
}
