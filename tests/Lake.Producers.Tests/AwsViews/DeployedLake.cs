using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocarDataLake.Producers.Tests.AwsViews;

/// <summary>
/// A deployed lake of the two datasets on loopback fakes: Glue (catalog and job runs), S3 (processed and quarantine
/// buckets) and SQS (ingest queue and the two dead-letter queues), with the names terraform/envs/dev gives them, plus
/// the environment's `terraform output -json` saved to a file as an operator would.
/// </summary>
internal sealed class DeployedLake : IDisposable
{
    public const string ProcessedBucket = "socar-lake-dev-processed";
    public const string QuarantineBucket = "socar-lake-dev-quarantine";
    public const string Database = "socar_lake_dev_processed";
    public const string IngestQueue = "socar-lake-dev-ingest";
    public const string IngestDlq = "socar-lake-dev-ingest-dlq";
    public const string EventsDlq = "socar-lake-dev-events-dlq";

    public static readonly DateTimeOffset Day = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public ScratchLake Lake { get; } = new();
    public FakeGlue Glue { get; } = new();
    public FakeMultipartS3 S3 { get; } = new();
    public FakeSqs Sqs { get; } = new();
    public string OutputsFile { get; }

    public DeployedLake()
    {
        S3.Buckets.Add(ProcessedBucket);
        S3.Buckets.Add(QuarantineBucket);
        Sqs.Add(IngestDlq);
        Sqs.Add(IngestQueue, deadLetterTarget: IngestDlq);
        Sqs.Add(EventsDlq);
        Glue.Databases[Database] = new Dictionary<string, FakeGlue.Table>(StringComparer.Ordinal)
        {
            ["tripdata"] = new("tripdata", ["pickup_year", "pickup_month"], []),
            ["rides"] = new("rides", ["returned_date"], []),
        };
        Glue.Jobs["socar-lake-dev-tripdata"] = [];
        Glue.Jobs["socar-lake-dev-rides"] = [];
        OutputsFile = Lake.WriteFile("lake-outputs.json", Outputs().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>`terraform output -json` of envs/dev: {"name": {"sensitive", "type", "value"}} per output.</summary>
    public JsonObject Outputs()
    {
        static JsonObject Output(JsonNode value, JsonNode type) => new() { ["sensitive"] = false, ["type"] = type, ["value"] = value };
        JsonNode MapType() => new JsonArray("object", new JsonObject());
        return new JsonObject
        {
            ["datasets"] = Output(new JsonArray("rides", "tripdata"), new JsonArray("tuple", new JsonArray("string", "string"))),
            ["processed_bucket_name"] = Output(ProcessedBucket, "string"),
            ["bucket_names"] = Output(new JsonObject
            {
                ["raw"] = "socar-lake-dev-raw", ["processed"] = ProcessedBucket, ["quarantine"] = QuarantineBucket,
                ["artifacts"] = "socar-lake-dev-artifacts", ["athena-results"] = "socar-lake-dev-athena-results",
            }, MapType()),
            ["processed_database_name"] = Output(Database, "string"),
            ["job_names"] = Output(new JsonObject { ["rides"] = "socar-lake-dev-rides", ["tripdata"] = "socar-lake-dev-tripdata" }, MapType()),
            ["ingest_queue_url"] = Output(Sqs.QueueUrl(IngestQueue), "string"),
            ["ingest_dead_letter_queue_url"] = Output(Sqs.QueueUrl(IngestDlq), "string"),
            ["events_dead_letter_queue_url"] = Output(Sqs.QueueUrl(EventsDlq), "string"),
            ["athena_workgroup"] = Output("socar-lake-dev-analytics", "string"),
        };
    }

    public Dictionary<string, string> Env() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIDTEST",
        ["AWS_SECRET_ACCESS_KEY"] = "secret",
        ["AWS_REGION"] = "ap-south-1",
        ["AWS_ENDPOINT_URL_GLUE"] = Glue.Url,
        ["AWS_ENDPOINT_URL_S3"] = S3.Url,
        ["AWS_ENDPOINT_URL_SQS"] = Sqs.Url,
        ["LAKE_TF_OUTPUTS"] = OutputsFile,
    };

    /// <summary>
    /// A run summary as the Glue job writes it (glue-scripts/lake_glue/summary.py to_json: SUMMARY_FIELDS in order, then
    /// the job's own quarantine_files and commit), at _runs/&lt;dataset&gt;/&lt;run&gt;.json.
    /// </summary>
    public void Summary(string dataset, string runId, int minute, long rowsOut, long rowsQuarantined, string state = "SUCCEEDED", string? error = null, params string[] rawObjects)
    {
        var started = Day.AddMinutes(minute);
        var summary = new JsonObject
        {
            ["dataset"] = dataset, ["run_id"] = runId, ["state"] = state,
            ["rows_in"] = rowsOut + rowsQuarantined, ["rows_out"] = rowsOut, ["rows_quarantined"] = rowsQuarantined,
            ["raw_objects"] = new JsonArray(rawObjects.Select(o => (JsonNode)o).ToArray()), ["objects_quarantined"] = new JsonArray(),
            ["bytes_in"] = 3 * 1048576, ["schema_version"] = 1,
            ["started_at"] = Iso(started), ["finished_at"] = Iso(started.AddSeconds(95.5)), ["duration_seconds"] = 95.5,
            ["output_files"] = new JsonArray(), ["drift"] = new JsonArray(), ["error"] = error,
            ["quarantine_files"] = new JsonArray(), ["commit"] = new JsonObject { ["processed"] = new JsonArray(), ["quarantine"] = new JsonArray() },
        };
        S3.Put(ProcessedBucket, $"_runs/{dataset}/{runId}.json", summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public void JobRun(string dataset, string runId, int minute, string state, int seconds, string? error = null) =>
        Glue.Jobs[$"socar-lake-dev-{dataset}"].Add(new FakeGlue.JobRun(runId, state, Day.AddMinutes(minute), state is "RUNNING" ? null : Day.AddMinutes(minute).AddSeconds(seconds), seconds, error));

    /// <summary>A committed run's bad rows as the job publishes them: one {raw_object, reason, values} per line.</summary>
    public void BadRows(string dataset, string runId, int file, IEnumerable<(string RawObject, string Reason)> records) =>
        S3.Put(QuarantineBucket, $"{dataset}/run={runId}/bad-rows-{file:D5}.jsonl",
            string.Concat(records.Select(r => JsonSerializer.Serialize(new { raw_object = r.RawObject, reason = r.Reason, values = new Dictionary<string, string?> { ["fare_amount"] = "x" } }) + "\n")));

    private static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Glue.Dispose();
        S3.Dispose();
        Sqs.Dispose();
        Lake.Dispose();
    }
}
