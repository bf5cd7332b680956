using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// The console's secrets, new at every start: the token printed in the address (exchanged for a cookie) and the CSRF
/// value a page reads from /api/session and sends back on every request that changes something. Both are 32 random
/// bytes; a guess is compared in constant time so its timing says nothing of how much of it was right. The cookie
/// carries <see cref="Session"/>, never the token: cookies are not kept apart by port, so every other server on
/// 127.0.0.1 receives it, and what it receives must not open the token's other doors (a Bearer header, the address).
/// </summary>
internal sealed class ConsoleAccess(string? csrf = null)
{
    public const string CsrfHeader = "X-Lake-Csrf";

    public string Token { get; } = NewSecret();
    public string Csrf { get; } = csrf ?? NewSecret();

    /// <summary>Set once Kestrel has bound: until then no Host or Origin matches and every request is refused.</summary>
    public int Port { get; set; }

    /// <summary>Cookies do not tell ports apart: two consoles on one machine each keep their own.</summary>
    public string CookieName => $"lake_console_{Port}";

    /// <summary>The cookie's value: HMAC-SHA256 of this console's address, keyed by the token. It opens this console
    /// only while it runs, and the token cannot be worked back from it.</summary>
    public string Session => Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Token), Encoding.UTF8.GetBytes($"lake console session 127.0.0.1:{Port}")));

    public static bool Matches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
