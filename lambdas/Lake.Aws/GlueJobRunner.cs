using SocarDataLake.Core.Ports;

namespace SocarDataLake.Aws;

/// <summary>IJobRunner on AWS Glue: StartJobRun on the dataset's job (LAKE_JOB_PREFIX + dataset).</summary>
public sealed class GlueJobRunner(AwsJsonClient glue, string jobPrefix) : IJobRunner
{
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
