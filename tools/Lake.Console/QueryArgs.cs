using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SocarDataLake.LakeConsole;

/// <summary>Query-string parameters, each checked and named in the error when it is not what the endpoint takes.</summary>
internal static class QueryArgs
{
    public static string? Text(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        if (values.Count > 1) throw ApiException.BadRequest($"?{name}= is given {values.Count} times: give it once.");
        var value = values.ToString();
        return value.Length == 0 ? null : value;
    }

    public static int Int(HttpContext context, string name, int fallback, int min, int max)
    {
        var text = Text(context, name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw ApiException.BadRequest($"?{name}={text}: give a whole number from {min} to {max}.");
        return value;
    }
}
