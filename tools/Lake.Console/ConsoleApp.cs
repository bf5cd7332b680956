using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// The console on whatever server the builder was given (Kestrel on 127.0.0.1 locally, the Lambda Runtime API on AWS):
/// the guards, the JSON API over the ports and the pages. Every host builds it here, so both serve the same app.
/// </summary>
public static class ConsoleApp
{
    public static WebApplication Build(WebApplicationBuilder builder, ConsolePorts ports, ConsoleOptions options) =>
        Build(builder, ports, options, new ConsoleAccess(options.Csrf));

    internal static WebApplication Build(WebApplicationBuilder builder, ConsolePorts ports, ConsoleOptions options, ConsoleAccess access)
    {
        if (options.SignIn is not null) SignInConfig.Check(options.SignIn);
        var app = builder.Build();
        app.Use(SecurityHeaders.For(options.SignIn));
        if (options.RequireToken)
        {
            app.Use((context, next) => HostGuard.Check(context, next, access));
            app.Use((context, next) => TokenGuard.Check(context, next, access));
        }
        app.Use((context, next) => CsrfGuard.Check(context, next, access));
        app.Use(ApiErrors.Handle);
        new LakeApi(ports.Lake, access).Map(app);
        new QueriesApi(ports.Queries).Map(app);
        new DashboardsApi(new DashboardFolder(options.Dashboards), ports.Queries).Map(app);
        if (ports.Streams is not null) new StreamGeneratorApi(ports.Streams).Map(app);
        else app.Map("/api/stream/{**rest}", context => ApiResponses.Error(context, StatusCodes.Status404NotFound,
            "the stream generator runs on the local host only (lake serve); on AWS, stream events to Kinesis with: lake stream rides --aws"));
        SignInConfig.Map(app, options.SignIn, ports.Streams is not null);
        ConsolePages.Map(app);
        // The default fallback skips paths whose last segment has a dot (/x.js, /api/x.y), which then got an empty 404.
        app.MapFallback("{**path}", context => ApiResponses.Error(context, StatusCodes.Status404NotFound, $"nothing at {context.Request.Method} {context.Request.Path}: the pages are {Pages(ports)}; the API is under /api/."));
        return app;
    }

    /// <summary>The security headers every response carries, for a host's own responses that never pass the app.</summary>
    public static IReadOnlyDictionary<string, string> SecurityHeaderValues(ConsoleSignIn? signIn) => SecurityHeaders.Values(signIn);

    private static string Pages(ConsolePorts ports) =>
        ports.Streams is null ? "/, /runs, /quarantine, /sql and /dashboards" : "/, /runs, /quarantine, /sql, /dashboards and /stream";
}
