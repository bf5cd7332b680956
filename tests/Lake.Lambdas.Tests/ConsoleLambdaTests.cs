using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using SocarDataLake.ConsoleLambda;
using SocarDataLake.Core;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>
/// The console's bootstrap (lambdas/console) as Lambda runs it: configured from the environment terraform/env-common/
/// console.tf sets, serving API Gateway HTTP API events (payload 2.0) through LambdaServer. What a browser relies on:
/// the pages and /app/config.json tell it where to sign in, the API answers without the local token (API Gateway's
/// authorizer has checked the caller), changes still need the CSRF header, and the CSP lets the pages reach only the
/// user pool's token endpoint besides the console.
/// </summary>
public sealed class ConsoleLambdaTests
{
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = "ap-south-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDTEST",
        ["AWS_SECRET_ACCESS_KEY"] = "secret",
        ["AWS_SESSION_TOKEN"] = "session",
        ["LAKE_WORKGROUP"] = "socar-lake-dev-analytics",
        ["LAKE_DATABASE"] = "socar_lake_dev_processed",
        ["LAKE_JOB_PREFIX"] = "socar-lake-dev-",
        ["LAKE_PROCESSED_BUCKET"] = "socar-lake-dev-processed-111122223333-ap-south-1",
        ["LAKE_QUARANTINE_BUCKET"] = "socar-lake-dev-quarantine-111122223333-ap-south-1",
        ["LAKE_CONSOLE_AUTH_DOMAIN"] = "socar-lake-dev-console.auth.ap-south-1.amazoncognito.com",
        ["LAKE_CONSOLE_CLIENT_ID"] = "4example0client0id0abcdef",
    };

    private static async Task<MemoryRuntimeApi> ServeAsync(params (string Id, string Event)[] events)
    {
        var runtime = new MemoryRuntimeApi();
        foreach (var (id, e) in events) runtime.Enqueue(id, e);
        var app = ConsoleLambdaFunction.Build(name => Environment.GetValueOrDefault(name), runtime, TextWriter.Null);
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.WaitForShutdownAsync(TestContext.Current.CancellationToken);
        await app.DisposeAsync();
        return runtime;
    }

    private static string Body(JsonElement response) => response.GetProperty("body").GetString()!;

    private static string Header(JsonElement response, string name) => response.GetProperty("headers").GetProperty(name).GetString()!;

    [Fact]
    public async Task Pages_and_the_session_answer_without_the_local_token_and_name_the_aws_lake()
    {
        var runtime = await ServeAsync(("page", HttpApiHostTests.Event("GET", "/")), ("session", HttpApiHostTests.Event("GET", "/api/session")));

        var page = HttpApiHostTests.Response(runtime, "page");
        Assert.Equal(200, page.GetProperty("statusCode").GetInt32());
        Assert.Contains("""<script type="module" src="/app/datasets.js">""", Body(page), StringComparison.Ordinal);
        var session = HttpApiHostTests.Response(runtime, "session");
        Assert.Equal(200, session.GetProperty("statusCode").GetInt32());
        using var json = JsonDocument.Parse(Body(session));
        Assert.Equal("AWS lake in ap-south-1: Glue database socar_lake_dev_processed", json.RootElement.GetProperty("lake").GetString());
        Assert.Equal("bearer-4example0client0id0abcdef", json.RootElement.GetProperty("csrf").GetString());
    }

    [Fact]
    public async Task The_pages_are_told_to_sign_in_at_the_user_pool_and_may_reach_only_its_token_endpoint()
    {
        var runtime = await ServeAsync(("config", HttpApiHostTests.Event("GET", "/app/config.json")), ("callback", HttpApiHostTests.Event("GET", "/auth/callback", "code=abc&state=xyz")));

        var config = HttpApiHostTests.Response(runtime, "config");
        Assert.Equal(200, config.GetProperty("statusCode").GetInt32());
        Assert.Equal(
            """{"mode":"cognito","authDomain":"socar-lake-dev-console.auth.ap-south-1.amazoncognito.com","clientId":"4example0client0id0abcdef","redirectPath":"/auth/callback","scopes":["openid","email"],"streamGenerator":false}""",
            Body(config));
        var callback = HttpApiHostTests.Response(runtime, "callback");
        Assert.Contains("""<script type="module" src="/app/callback.js">""", Body(callback), StringComparison.Ordinal);
        var csp = Header(callback, "Content-Security-Policy");
        Assert.Contains("connect-src 'self' https://socar-lake-dev-console.auth.ap-south-1.amazoncognito.com/oauth2/token;", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_without_the_csrf_header_is_refused_even_behind_the_authorizer()
    {
        var start = HttpApiHostTests.Event("POST", "/api/queries", headers: new() { ["content-type"] = "application/json" }, body: """{"sql":"SELECT 1"}""");

        var runtime = await ServeAsync(("forged", start));

        var response = HttpApiHostTests.Response(runtime, "forged");
        Assert.Equal(403, response.GetProperty("statusCode").GetInt32());
        Assert.Contains("X-Lake-Csrf", Body(response), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_variable_stops_the_start_naming_every_one()
    {
        var partial = new Dictionary<string, string>(Environment);
        partial.Remove("LAKE_WORKGROUP");
        partial.Remove("LAKE_CONSOLE_CLIENT_ID");

        var error = Assert.Throws<LakeException>(() => ConsoleLambdaFunction.Build(name => partial.GetValueOrDefault(name), new MemoryRuntimeApi(), TextWriter.Null));

        Assert.Contains("LAKE_WORKGROUP, LAKE_CONSOLE_CLIENT_ID are not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("terraform/env-common/console.tf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_variable_is_posted_as_the_init_error_and_the_bootstrap_exits_2()
    {
        var partial = new Dictionary<string, string>(Environment);
        partial.Remove("LAKE_WORKGROUP");
        var runtime = new MemoryRuntimeApi();
        using var log = new StringWriter();

        var code = await ConsoleLambdaFunction.RunAsync(name => partial.GetValueOrDefault(name), runtime, log);

        Assert.Equal(2, code);
        var posted = Assert.Single(runtime.InitErrors);
        Assert.Contains("LAKE_WORKGROUP is not set", posted.Message, StringComparison.Ordinal);
        Assert.Contains(posted.Message, log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_id_a_user_pool_never_gives_is_named_as_the_init_error_and_the_bootstrap_exits_2()
    {
        var wrong = new Dictionary<string, string>(Environment) { ["LAKE_CONSOLE_CLIENT_ID"] = "bench-client" };
        var runtime = new MemoryRuntimeApi();
        using var log = new StringWriter();

        var code = await ConsoleLambdaFunction.RunAsync(name => wrong.GetValueOrDefault(name), runtime, log);

        Assert.Equal(2, code);
        var posted = Assert.Single(runtime.InitErrors);
        Assert.Contains("LAKE_CONSOLE_CLIENT_ID", posted.Message, StringComparison.Ordinal);
        Assert.Contains("'bench-client' must be letters and digits", posted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_runtime_api_says_exit_the_bootstrap_returns_the_loops_exit_code()
    {
        var runtime = new MemoryRuntimeApi();
        runtime.Enqueue("req-1", HttpApiHostTests.Event("GET", "/app/config.json"));

        // The Runtime API's 500 after the last event ends the loop; the process must end with its code, not abort.
        var code = await ConsoleLambdaFunction.RunAsync(name => Environment.GetValueOrDefault(name), runtime, TextWriter.Null);

        Assert.NotEqual(0, code);
        Assert.True(runtime.Responses.ContainsKey("req-1"));
    }

    [Fact]
    public async Task A_body_marked_base64_that_is_not_is_a_400_with_the_consoles_security_headers()
    {
        var runtime = await ServeAsync(("bad", HttpApiHostTests.Event("POST", "/api/queries", body: "{\"sql\": \"SELECT 1\"}", base64: true)));

        Assert.Empty(runtime.Errors);
        var response = HttpApiHostTests.Response(runtime, "bad");
        Assert.Equal(400, response.GetProperty("statusCode").GetInt32());
        Assert.Contains("not base64", Body(response), StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public void The_variables_the_function_reads_are_the_ones_terraform_sets()
    {
        var terraform = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "terraform", "env-common", "console.tf"));
        var start = terraform.IndexOf("environment_variables = merge({", StringComparison.Ordinal);
        var expression = terraform[start..terraform.IndexOf("policy_statements", start, StringComparison.Ordinal)];
        static IEnumerable<string> Names(string text) =>
            System.Text.RegularExpressions.Regex.Matches(text, @"(LAKE_\w+)\s*=").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        // Lambda itself sets AWS_REGION in every function's environment. The first map is always set; the optional
        // variables come after it, each only when its Terraform variable is not null.
        var required = ConsoleLambdaSettings.Required.Where(n => n != "AWS_REGION").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(required, Names(expression[..expression.IndexOf('}', StringComparison.Ordinal)]));
        Assert.Equal(required.Concat(ConsoleLambdaSettings.Optional).Order(StringComparer.Ordinal), Names(expression));
    }
}
