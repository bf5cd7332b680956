using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using SocarDataLake.Aws;
using SocarDataLake.AwsViews;
using SocarDataLake.Core.Contracts;

namespace SocarDataLake.LakeConsole.Aws.Tests;

/// <summary>
/// The console with its AWS ports over a deployed lake of the repository's datasets on loopback fakes that follow
/// the API references (Glue, S3, Athena; see each fake's summary), on the local host so the API is called over HTTP
/// as a browser would, with the token and the CSRF value.
/// </summary>
internal sealed class AwsConsoleLake : IAsyncDisposable
{
    public const string Region = "ap-south-1";
    public const string Database = "socar_lake_dev_processed";
    public const string ProcessedBucket = "socar-lake-dev-processed";
    public const string QuarantineBucket = "socar-lake-dev-quarantine";
    public static readonly DateTimeOffset Day = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly AmazonS3Client _s3;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly HttpClient _aws = new();
    private RunningConsole _console = null!;
    private string _csrf = "";

    public FakeGlue Glue { get; } = new();
    public FakeMultipartS3 S3 { get; } = new();
    public FakeAthena Athena { get; }
    public InstantClock Clock { get; } = new();

    private AwsConsoleLake(Func<string, AthenaPlan> plan)
    {
        Athena = new FakeAthena(plan) { WriteResult = (key, body) => S3.Put(key.Split('/')[0], key[(key.IndexOf('/') + 1)..], Encoding.UTF8.GetString(body)) };
        S3.Buckets.UnionWith([ProcessedBucket, QuarantineBucket, FakeAthena.ResultsBucket]);
        Glue.Databases[Database] = new(StringComparer.Ordinal);
        foreach (var dataset in new[] { "rides", "tripdata" })
        {
            Glue.Databases[Database][dataset] = new FakeGlue.Table(dataset, [], []);
            Glue.Jobs[$"socar-lake-dev-{dataset}"] = [];
        }
        _s3 = new AmazonS3Client(new BasicAWSCredentials("AKIDTEST", "secret"), new AmazonS3Config { ServiceURL = S3.Url, ForcePathStyle = true, AuthenticationRegion = Region });
    }

    /// <param name="quarantineReadCap">Quarantine records the view reads at most (AwsConsoleSettings.QuarantineReadCap).</param>
    public static async Task<AwsConsoleLake> StartAsync(Func<string, AthenaPlan>? plan = null, int quarantineReadCap = QuarantineReading.DefaultCap)
    {
        var lake = new AwsConsoleLake(plan ?? (_ => new AthenaPlan([("n", "bigint")], [["1"]])));
        var credentials = new AwsCredentials("AKIDTEST", "secret", null);
        var settings = new AwsConsoleSettings(Region, Database, "socar-lake-dev-analytics", ProcessedBucket, QuarantineBucket, "socar-lake-dev-",
            ContractLoader.LoadDirectory(Path.Combine(RepositoryRoot.Path, "datasets"))) { Cost = new ScanCost(5.0, Region, "2026-11-01"), QuarantineReadCap = quarantineReadCap };
        var ports = AwsConsole.Ports(settings,
            AwsClients.Glue(lake._aws, credentials, Region, lake.Clock, new Uri(lake.Glue.Url)),
            AwsClients.Athena(lake._aws, credentials, Region, lake.Clock, new Uri(lake.Athena.Url)),
            lake._s3, lake.Clock);
        lake._console = await ConsoleHost.StartAsync(ports, 0, TestContext.Current.CancellationToken, Path.Combine(RepositoryRoot.Path, "dashboards"));
        lake._http.BaseAddress = new Uri($"http://127.0.0.1:{lake._console.Port}");
        lake._http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", lake._console.Token);
        lake._csrf = (await lake.GetJsonAsync("/api/session")).GetProperty("csrf").GetString()!;
        return lake;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path, TestContext.Current.CancellationToken);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Lake-Csrf", _csrf);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The "error" of an API answer that is not a success.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetString()!;

    /// <summary>POST /api/queries, then GET it until it has finished (each GET is one GetQueryExecution: no time passes).</summary>
    public async Task<JsonElement> RunAsync(string sql, int limit = 10_000, string page = "")
    {
        using var started = await SendAsync(HttpMethod.Post, "/api/queries", new JsonObject { ["sql"] = sql, ["limit"] = limit }.ToJsonString());
        var text = await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(started.StatusCode == System.Net.HttpStatusCode.Accepted, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        for (var poll = 0; poll < 50; poll++)
        {
            var state = await GetJsonAsync($"/api/queries/{id}?{page}");
            if (state.GetProperty("state").GetString() != "running") return state;
        }
        throw new InvalidOperationException($"query {id} still running after 50 polls");
    }

    /// <summary>A run summary as the Glue job writes it at _runs/&lt;dataset&gt;/&lt;run&gt;.json (glue-scripts/lake_glue/summary.py).</summary>
    public void Summary(string dataset, string runId, int minute, long rowsOut, long rowsQuarantined)
    {
        var started = Day.AddMinutes(minute);
        var summary = new JsonObject
        {
            ["dataset"] = dataset, ["run_id"] = runId, ["state"] = "SUCCEEDED",
            ["rows_in"] = rowsOut + rowsQuarantined, ["rows_out"] = rowsOut, ["rows_quarantined"] = rowsQuarantined,
            ["raw_objects"] = new JsonArray(), ["objects_quarantined"] = new JsonArray(), ["bytes_in"] = 1024, ["schema_version"] = 1,
            ["started_at"] = started.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["finished_at"] = started.AddSeconds(90).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["duration_seconds"] = 90.0, ["output_files"] = new JsonArray(), ["drift"] = new JsonArray(), ["error"] = null,
        };
        S3.Put(ProcessedBucket, $"_runs/{dataset}/{runId}.json", summary.ToJsonString());
        JobRun(dataset, runId, minute, "SUCCEEDED", 90);
    }

    public void JobRun(string dataset, string runId, int minute, string state, int seconds, string? error = null) =>
        Glue.Jobs[$"socar-lake-dev-{dataset}"].Add(new FakeGlue.JobRun(runId, state, Day.AddMinutes(minute), state == "RUNNING" ? null : Day.AddMinutes(minute).AddSeconds(seconds), seconds, error));

    public async ValueTask DisposeAsync()
    {
        await _console.DisposeAsync();
        _http.Dispose();
        _aws.Dispose();
        _s3.Dispose();
        Glue.Dispose();
        S3.Dispose();
        Athena.Dispose();
    }
}
