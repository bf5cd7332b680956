using SocarDataLake.Core.Ports;

namespace SocarDataLake.Aws;

/// <summary>
/// IJobRunner on AWS Glue: StartJobRun on the dataset's job (LAKE_JOB_PREFIX + dataset); and IJobRunReader:
/// GetJobRun for a finished run's execution time and error.
/// </summary>
public sealed class GlueJobRunner(AwsJsonClient glue, string jobPrefix) : IJobRunner, IJobRunReader
{
    public async Task<JobRunDetails?> GetJobRunAsync(string jobName, string runId, CancellationToken cancellationToken)
    {
        var body = AwsJsonClient.Json(w =>
        {
            w.WriteString("JobName", jobName);
            w.WriteString("RunId", runId);
        });
        try
        {
            using var response = await glue.CallAsync("GetJobRun", body, cancellationToken);
            if (!response.RootElement.TryGetProperty("JobRun", out var run)) return null;
            string? Text(string name) => run.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
            // ExecutionTime is the run's billed time in whole seconds.
            double? seconds = run.TryGetProperty("ExecutionTime", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.Number ? t.GetDouble() : null;
            return new JobRunDetails(Text("JobRunState"), seconds, Text("ErrorMessage"));
        }
        catch (AwsServiceException e) when (e.ErrorCode == "EntityNotFoundException")
        {
            return null;
        }
    }

    public async Task<JobStart> StartJobAsync(string dataset, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        var body = AwsJsonClient.Json(w =>
        {
            w.WriteString("JobName", jobPrefix + dataset);
            w.WriteStartObject("Arguments");
            foreach (var (name, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal)) w.WriteString(name, value);
            w.WriteEndObject();
        });
        try
        {
            using var response = await glue.CallAsync("StartJobRun", body, cancellationToken);
            return new JobStart(JobStartStatus.Started, response.RootElement.TryGetProperty("JobRunId", out var id) ? id.GetString() : null);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ConcurrentRunsExceededException")
        {
            return new JobStart(JobStartStatus.ConcurrentRunsExceeded, null);
        }
        catch (AwsServiceException e) when (e.IsRetryable)
        {
            return new JobStart(JobStartStatus.Throttled, null);
        }
    }
}
