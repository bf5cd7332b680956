using System.Xml.Linq;

namespace SocarDataLake.TestServers;

/// <summary>
/// Requests S3 refuses before reading anything, as its "Error responses" page (Amazon S3 API Reference) lists them:
/// 403 AccessDenied ("Access Denied") when the caller's policy does not allow the call, and 400 ExpiredToken ("The
/// provided token has expired.") for a session whose token has expired. The body is S3's REST error document,
/// &lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;RequestId/&gt;&lt;HostId/&gt;&lt;/Error&gt;.
/// </summary>
public sealed partial class FakeMultipartS3
{
    /// <summary>"bucket/prefix" entries: a GET (list or object) of a key or listing prefix under one is 403 AccessDenied.</summary>
    public HashSet<string> DeniedPrefixes { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request is 400 ExpiredToken, as for a session token past its expiry.</summary>
    public bool TokenExpired { get; set; }

    private XElement? Refusal(string method, string path, string? listPrefix, out int status)
    {
        status = 0;
        if (TokenExpired)
        {
            status = 400;
            return ErrorDocument("ExpiredToken", "The provided token has expired.");
        }
        var read = listPrefix is null ? path : $"{path.TrimEnd('/')}/{listPrefix}";
        if (method is "GET" or "HEAD" && DeniedPrefixes.Any(denied => read.StartsWith(denied, StringComparison.Ordinal)))
        {
            status = 403;
            return ErrorDocument("AccessDenied", "Access Denied");
        }
        return null;
    }

    private static XElement ErrorDocument(string code, string message) =>
        new("Error", new XElement("Code", code), new XElement("Message", message),
            new XElement("RequestId", "4442587FB7D0A2F9"), new XElement("HostId", "fake-host-id"));
}
