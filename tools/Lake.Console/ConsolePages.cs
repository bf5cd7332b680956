using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// The pages, embedded in the assembly: plain HTML and ES modules that draw themselves from the JSON API (every page
/// has its JSON twin). Nothing comes from a CDN, and no script is inline, so the CSP can forbid inline script outright.
/// Every page is the one shell (page.html: header, navigation, status line) naming its title and its module.
/// </summary>
internal static class ConsolePages
{
    private static readonly (string Path, string Page, string Title)[] Pages =
    [
        ("/", "datasets", "Datasets"),
        ("/runs", "runs", "Runs"),
        ("/quarantine", "quarantine", "Quarantine"),
        ("/sql", "sql", "SQL"),
        ("/dashboards", "dashboards", "Dashboards"),
        // Where Cognito's sign-in page sends the browser back on AWS (the console module's callback URL).
        (SignInConfig.CallbackPath, "callback", "Signing in"),
        ("/stream", "stream", "Stream generator"),
    ];

    private static readonly (string Path, string File, string Type)[] Files =
    [
        ("/app/console.css", "console.css", "text/css; charset=utf-8"),
        ("/app/icon.svg", "icon.svg", "image/svg+xml"),
        ("/app/common.js", "common.js", "text/javascript; charset=utf-8"),
        ("/app/datasets.js", "datasets.js", "text/javascript; charset=utf-8"),
        ("/app/runs.js", "runs.js", "text/javascript; charset=utf-8"),
        ("/app/quarantine.js", "quarantine.js", "text/javascript; charset=utf-8"),
        ("/app/sql.js", "sql.js", "text/javascript; charset=utf-8"),
        ("/app/dashboards.js", "dashboards.js", "text/javascript; charset=utf-8"),
        ("/app/sign-in.js", "sign-in.js", "text/javascript; charset=utf-8"),
        ("/app/callback.js", "callback.js", "text/javascript; charset=utf-8"),
        ("/app/stream.js", "stream.js", "text/javascript; charset=utf-8"),
        ("/app/download.js", "download.js", "text/javascript; charset=utf-8"),
        ("/app/values.js", "values.js", "text/javascript; charset=utf-8"),
        ("/app/query-summary.js", "query-summary.js", "text/javascript; charset=utf-8"),
        ("/app/dataset-facts.js", "dataset-facts.js", "text/javascript; charset=utf-8"),
        ("/app/chart-choice.js", "chart-choice.js", "text/javascript; charset=utf-8"),
        ("/app/chart-view.js", "chart-view.js", "text/javascript; charset=utf-8"),
        ("/app/sql-history.js", "sql-history.js", "text/javascript; charset=utf-8"),
        // The SQL editor: CodeMirror and the console's completion, bundled by the build like ECharts.
        ("/app/sql-editor.js", "sql-editor.js", "text/javascript; charset=utf-8"),
        // ECharts, tree-shaken and bundled by the build from the npm packages package-lock.json pins.
        ("/app/echarts.js", "echarts.js", "text/javascript; charset=utf-8"),
    ];

    public static void Map(WebApplication app)
    {
        var shell = System.Text.Encoding.UTF8.GetString(Read("page.html"));
        foreach (var (path, page, title) in Pages)
            Serve(app, path, System.Text.Encoding.UTF8.GetBytes(shell.Replace("__PAGE__", page).Replace("__TITLE__", title)), "text/html; charset=utf-8");
        foreach (var (path, file, type) in Files)
            Serve(app, path, Read(file), type);
    }

    private static void Serve(WebApplication app, string path, byte[] bytes, string type) =>
        app.MapGet(path, context =>
        {
            context.Response.ContentType = type;
            return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
        });

    private static byte[] Read(string file)
    {
        using var stream = typeof(ConsolePages).Assembly.GetManifestResourceStream("console/" + file)
            ?? throw new InvalidOperationException($"the console's page {file} is not embedded in {typeof(ConsolePages).Assembly.GetName().Name}: see wwwroot/ in Lake.Console.csproj.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
