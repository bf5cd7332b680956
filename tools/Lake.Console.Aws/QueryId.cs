using System.Globalization;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole.Aws;

/// <summary>
/// A console query's id on AWS: Athena's QueryExecutionId, then the row limit and the time limit in milliseconds, dot
/// separated. The limits travel with the id because no instance of the function remembers them; a changed id can
/// only ask for limits a request could have asked for anyway.
/// </summary>
internal sealed record QueryId(string ExecutionId, int Limit, TimeSpan Timeout)
{
    public static string Format(string executionId, int limit, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"{executionId}.{limit}.{(long)timeout.TotalMilliseconds}");

    public static QueryId Parse(string id)
    {
        var parts = id.Split('.');
        if (parts is [var execution, var limitText, var timeoutText]
            && execution.Length is > 0 and <= 128 && execution.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit <= QueryStart.MaxLimit
            && long.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds is > 0 and <= QueryStart.MaxTimeoutSeconds * 1000L)
            return new QueryId(execution, limit, TimeSpan.FromMilliseconds(milliseconds));
        throw ApiException.NotFound($"no query '{id}': a query's id is the one POST /api/queries answered.");
    }
}
