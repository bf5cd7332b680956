using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// /app/config.json: what the pages need to know before any call (sign-in.js). Open on AWS (API Gateway lets /app/*
/// through without a token, since a page must learn where to sign in before it has one), so it holds nothing secret.
/// It also says whether the host has the stream generator, so the pages link to /stream only where it works.
/// </summary>
internal static partial class SignInConfig
{
    public const string CallbackPath = "/auth/callback";

    [GeneratedRegex("^[a-z0-9.-]+$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex ClientId();

    /// <summary>Refuses at start what would send every browser somewhere odd, naming the setting.</summary>
    public static void Check(ConsoleSignIn signIn)
    {
        if (!HostName().IsMatch(signIn.AuthDomain))
            throw new ArgumentException($"the console's sign-in domain '{signIn.AuthDomain}' must be a host name such as lake-console.auth.ap-south-1.amazoncognito.com (no scheme, no path).");
        if (!ClientId().IsMatch(signIn.ClientId))
            throw new ArgumentException($"the console's sign-in client id '{signIn.ClientId}' must be letters and digits (the user pool client's id).");
    }

    public static byte[] Body(ConsoleSignIn? signIn, bool streamGenerator)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (signIn is null)
            {
                json.WriteString("mode", "local");
            }
            else
            {
                json.WriteString("mode", "cognito");
                json.WriteString("authDomain", signIn.AuthDomain);
                json.WriteString("clientId", signIn.ClientId);
                json.WriteString("redirectPath", CallbackPath);
                json.WriteStartArray("scopes");
                json.WriteStringValue("openid");
                json.WriteStringValue("email");
                json.WriteEndArray();
            }
            json.WriteBoolean("streamGenerator", streamGenerator);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static void Map(WebApplication app, ConsoleSignIn? signIn, bool streamGenerator)
    {
        var body = Body(signIn, streamGenerator);
        app.MapGet("/app/config.json", context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        });
    }
}
