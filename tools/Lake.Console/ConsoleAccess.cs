using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// The console's secrets, new at every start: the token printed in the address (exchanged for a cookie) and the CSRF
/// value a page reads from /api/session and sends back on every request that changes something. Both are 32 random
/// bytes; a guess is compared in constant time so its timing says nothing of how much of it was right.
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

    public static bool Matches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
