using System.Net;
using System.Xml.Linq;

namespace SocarDataLake.Aws;

/// <summary>
/// AWS's XML error documents, read by the query-protocol client (SNS) and the S3 reader alike:
/// &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt; (query protocol) or
/// &lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;RequestId/&gt;&lt;/Error&gt; (S3).
/// </summary>
public static class AwsXmlError
{
    public static AwsServiceException Read(string payload, HttpStatusCode status, string? requestIdHeader)
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
