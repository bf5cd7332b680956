using System.Text.Json;
using SocarDataLake.Aws;
using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>Glue StartJobRun (JSON 1.1), SNS Publish (query protocol) and S3 GetObject against local servers.</summary>
public sealed class AwsAdapterTests
{
    private static readonly AwsCredentials Credentials = new("AKIDTEST", "secret", null);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Form(string body) => body.Split('&')
        .Select(p => p.Split('=', 2)).ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv[1]));

    [Fact]
    public async Task StartJobRun_names_the_datasets_job_and_passes_the_arguments()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(200, """{"JobRunId":"jr_abc"}""")));
        using var http = new HttpClient();
        var runner = new GlueJobRunner(AwsClients.Glue(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url)), "socar-lake-dev-");

        var start = await runner.StartJobAsync("tripdata", new Dictionary<string, string> { ["--plan_uri"] = "s3://a/p.json", ["--dataset"] = "tripdata" }, Ct);

        Assert.Equal(new JobStart(JobStartStatus.Started, "jr_abc"), start);
        var request = Assert.Single(server.Requests);
        Assert.Equal("AWSGlue.StartJobRun", request.Headers["X-Amz-Target"]);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("socar-lake-dev-tripdata", body.GetProperty("JobName").GetString());
        Assert.Equal("tripdata", body.GetProperty("Arguments").GetProperty("--dataset").GetString());
        Assert.Equal("s3://a/p.json", body.GetProperty("Arguments").GetProperty("--plan_uri").GetString());
    }

    [Theory]
    [InlineData("ConcurrentRunsExceededException", 400, JobStartStatus.ConcurrentRunsExceeded)]
    [InlineData("ThrottlingException", 400, JobStartStatus.Throttled)]
    [InlineData("InternalServiceException", 500, JobStartStatus.Throttled)]
    public async Task Busy_or_throttled_jobs_are_retried_later(string type, int status, JobStartStatus expected)
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(status, $$"""{"__type":"{{type}}","message":"later"}""")));
        using var http = new HttpClient();
        var runner = new GlueJobRunner(AwsClients.Glue(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url)), "p-");

        Assert.Equal(expected, (await runner.StartJobAsync("rides", new Dictionary<string, string>(), Ct)).Status);
    }

    [Fact]
    public async Task A_missing_job_is_an_error_not_a_retry()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(400, """{"__type":"EntityNotFoundException","message":"Job socar-lake-dev-rides not found"}""")));
        using var http = new HttpClient();
        var runner = new GlueJobRunner(AwsClients.Glue(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url)), "socar-lake-dev-");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => runner.StartJobAsync("rides", new Dictionary<string, string>(), Ct));

        Assert.Equal("EntityNotFoundException", error.ErrorCode);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task GetJobRun_reads_the_runs_execution_time_and_error()
    {
        using var server = new LoopbackServer(request => Task.FromResult(request.Body.Contains("jr_gone", StringComparison.Ordinal)
            ? new CannedResponse(400, """{"__type":"EntityNotFoundException","message":"Job run jr_gone not found"}""")
            : new CannedResponse(200, """{"JobRun":{"Id":"jr_1","JobName":"socar-lake-dev-tripdata","JobRunState":"FAILED","StartedOn":1.7640576E9,"CompletedOn":1.76405766E9,"ExecutionTime":61,"ErrorMessage":"AnalysisException: cannot resolve 'fare_amount'"}}""")));
        using var http = new HttpClient();
        var runs = new GlueJobRunner(AwsClients.Glue(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url)), "socar-lake-dev-");

        var details = await runs.GetJobRunAsync("socar-lake-dev-tripdata", "jr_1", Ct);

        Assert.Equal(new JobRunDetails("FAILED", 61, "AnalysisException: cannot resolve 'fare_amount'"), details);
        var request = server.Requests.First();
        Assert.Equal("AWSGlue.GetJobRun", request.Headers["X-Amz-Target"]);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("socar-lake-dev-tripdata", body.GetProperty("JobName").GetString());
        Assert.Equal("jr_1", body.GetProperty("RunId").GetString());
        Assert.Null(await runs.GetJobRunAsync("socar-lake-dev-tripdata", "jr_gone", Ct));
    }

    [Fact]
    public async Task Publish_is_a_signed_form_post_with_subject_message_and_severity()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(200,
            """<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>""")));
        using var http = new HttpClient();
        var notifier = new SnsNotifier(AwsClients.Sns(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url)), "arn:aws:sns:ap-south-1:123456789012:socar-lake-dev-ops");

        await notifier.NotifyAsync(new Notification("[lake] FAILED tripdata: run FAILED", "Dataset: tripdata\nError: boom & more", "ERROR"), Ct);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("/ap-south-1/sns/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
        var form = Form(request.Body);
        Assert.Equal("Publish", form["Action"]);
        Assert.Equal("2010-03-31", form["Version"]);
        Assert.Equal("arn:aws:sns:ap-south-1:123456789012:socar-lake-dev-ops", form["TopicArn"]);
        Assert.Equal("[lake] FAILED tripdata: run FAILED", form["Subject"]);
        Assert.Equal("Dataset: tripdata\nError: boom & more", form["Message"]);
        Assert.Equal("severity", form["MessageAttributes.entry.1.Name"]);
        Assert.Equal("ERROR", form["MessageAttributes.entry.1.Value.StringValue"]);
    }

    [Fact]
    public async Task Sns_xml_errors_keep_their_code_and_request_id()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(403,
            """<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>User is not authorized to perform: SNS:Publish</Message></Error><RequestId>sns-rid-9</RequestId></ErrorResponse>""")));
        using var http = new HttpClient();
        var notifier = new SnsNotifier(AwsClients.Sns(http, Credentials, "ap-south-1", TimeProvider.System, new Uri(server.Url)), "arn:aws:sns:ap-south-1:1:t");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => notifier.NotifyAsync(new Notification("s", "b", "INFO"), Ct));

        Assert.Equal("AuthorizationError", error.ErrorCode);
        Assert.Equal("sns-rid-9", error.RequestId);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void Subjects_are_printable_ascii_of_at_most_100_characters()
    {
        var subject = SnsNotifier.Subject("[lake] ok tripdata:\nrun SUCCEEDED — 1,000 rows " + new string('x', 200));

        Assert.True(subject.Length <= 100);
        Assert.All(subject, ch => Assert.InRange(ch, ' ', '~'));
        Assert.EndsWith("...", subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_summaries_are_read_with_a_signed_get_and_missing_ones_are_null()
    {
        using var server = new LoopbackServer(request => Task.FromResult(request.Path.EndsWith("jr_1.json", StringComparison.Ordinal)
            ? new CannedResponse(200, """{"dataset":"tripdata"}""")
            : new CannedResponse(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>")));
        using var http = new HttpClient();
        var reader = new S3ObjectReader(http, Credentials, "ap-south-1", new Dictionary<Zone, string> { [Zone.Processed] = "socar-lake-dev-processed" }, TimeProvider.System, new Uri(server.Url));

        await using (var found = await reader.TryOpenReadAsync(new ObjectRef(Zone.Processed, "_runs/tripdata/jr_1.json"), Ct))
            Assert.Equal("""{"dataset":"tripdata"}""", await new StreamReader(found!).ReadToEndAsync(Ct));
        Assert.Null(await reader.TryOpenReadAsync(new ObjectRef(Zone.Processed, "_runs/tripdata/jr_2.json"), Ct));

        var get = server.Requests.First();
        Assert.Equal("GET", get.Method);
        Assert.Equal("/socar-lake-dev-processed/_runs/tripdata/jr_1.json", get.Path);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", get.Headers["X-Amz-Content-Sha256"]);
        Assert.Contains("/ap-south-1/s3/aws4_request", get.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_access_denied_is_an_error_with_its_code()
    {
        using var server = new LoopbackServer(_ => Task.FromResult(new CannedResponse(403,
            "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>s3-rid</RequestId></Error>")));
        using var http = new HttpClient();
        var reader = new S3ObjectReader(http, Credentials, "ap-south-1", new Dictionary<Zone, string> { [Zone.Processed] = "b" }, TimeProvider.System, new Uri(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => reader.TryOpenReadAsync(new ObjectRef(Zone.Processed, "k"), Ct));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal("s3-rid", error.RequestId);
    }
}
