using Amazon;
using Amazon.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocarDataLake.Aws;
using SocarDataLake.Core;
using SocarDataLake.LakeConsole;
using SocarDataLake.LakeConsole.Aws;
using SocarDataLake.LambdaRuntime;
using SocarDataLake.LambdaRuntime.AspNetCore;

namespace SocarDataLake.ConsoleLambda;

/// <summary>
/// The console's Lambda: the app ConsoleApp builds, served by LambdaServer from API Gateway's HTTP API events, reading
/// the lake through the AWS ports. The API's JWT authorizer has checked every /api/* caller before a request arrives,
/// so the local token and host guards are off; CSRF and the security headers stay (ConsoleOptions).
/// </summary>
public static class ConsoleLambdaFunction
{
    public static Task<int> Main() => RunAsync(Environment.GetEnvironmentVariable, null, Console.Error);

    /// <param name="runtime">The Runtime API, or null for the HTTP one at AWS_LAMBDA_RUNTIME_API.</param>
    internal static async Task<int> RunAsync(Func<string, string?> variable, IRuntimeApi? runtime, TextWriter error)
    {
        WebApplication app;
        try
        {
            try
            {
                app = Build(variable, runtime);
            }
            catch (ArgumentException e)
            {
                // The sign-in settings are checked as the app is built; the variables they come from are the fix.
                throw new LakeException($"the lake console's function cannot start: LAKE_CONSOLE_AUTH_DOMAIN or LAKE_CONSOLE_CLIENT_ID: {e.Message}");
            }
        }
        catch (LakeException e)
        {
            // The function's log has the line; the init error ("Initialization error", Lambda runtime API) puts the same
            // words in the invoke's answer and the console, instead of a bare Runtime.ExitError.
            await error.WriteLineAsync(e.Message);
            await ReportInitErrorAsync(variable, runtime, e, error);
            return 2;
        }
        // Taken before the run: RunAsync disposes the services, and asking them afterwards aborted the process.
        var server = app.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer)) as LambdaServer;
        await app.RunAsync();
        return server?.ExitCode ?? 0;
    }

    private static async Task ReportInitErrorAsync(Func<string, string?> variable, IRuntimeApi? runtime, LakeException failure, TextWriter error)
    {
        var address = variable(LambdaHosting.RuntimeApiVariable);
        if (runtime is null && string.IsNullOrEmpty(address)) return;
        using var client = runtime is null ? new RuntimeApiClient(address!) : null;
        try
        {
            await (runtime ?? client!).ReportInitErrorAsync(failure, CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or RuntimeApiException)
        {
            await error.WriteLineAsync($"the init error could not be reported to the Runtime API: {e.Message}");
        }
    }

    internal static WebApplication Build(Func<string, string?> variable, IRuntimeApi? runtime = null, TextWriter? log = null)
    {
        var settings = ConsoleLambdaSettings.Read(variable);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        if (!builder.Services.UseLambdaServerInLambda(variable, runtime, log, ConsoleApp.SecurityHeaderValues(settings.SignIn)))
            throw new LakeException("AWS_LAMBDA_RUNTIME_API is not set: this is the console's Lambda bootstrap; on one machine run `lake serve`.");

        var aws = new FunctionAwsClients(variable, settings.Lake.Region);
        // The SDK takes the function's credentials from the environment and honours AWS_ENDPOINT_URL_S3.
        var s3 = new AmazonS3Client(new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Lake.Region) });
        var ports = AwsConsole.Ports(settings.Lake, aws.Glue(), aws.Athena(), s3, TimeProvider.System);
        return ConsoleApp.Build(builder, ports, new ConsoleOptions
        {
            RequireToken = false,
            SignIn = settings.SignIn,
            // Every instance must accept what any instance's /api/session gave. It need not be secret here: callers prove
            // who they are with a bearer token a browser never attaches on its own, so a forged cross-site request has no
            // credential; the custom header is still required, as on the local host.
            Csrf = "bearer-" + settings.SignIn.ClientId,
            Dashboards = settings.DashboardsFolder,
        });
    }
}
