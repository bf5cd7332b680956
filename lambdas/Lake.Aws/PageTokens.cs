namespace SocarDataLake.Aws;

/// <summary>
/// The tokens of one paged read. AWS documents a token as leading to the next page; one given twice leads back to a
/// page already read, and following it would loop for ever (or until some other limit, counting pages twice), so
/// reading stops and says which call did it.
/// </summary>
public sealed class PageTokens(string call, string tokenName = "NextToken")
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>The token to send for the next page, or null when there is none.</summary>
    public string? Next(string? token)
    {
        if (token is not { Length: > 0 }) return null;
        if (!_seen.Add(token))
            throw new AwsAnswerException($"AWS returned the same {tokenName} twice to {call}: reading stopped rather than read the same pages again. Run the command again; if it repeats, the service is misbehaving.");
        return token;
    }
}
