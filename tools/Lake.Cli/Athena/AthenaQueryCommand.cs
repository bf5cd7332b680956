using System.Globalization;
using SocarDataLake.Aws.Athena;
using SocarDataLake.Aws;
using SocarDataLake.AwsViews;
using SocarDataLake.Core;
using SocarDataLake.Local;
using SocarDataLake.Simulate;

namespace SocarDataLake.Cli.Athena;

/// <summary>
/// `lake query --aws "&lt;sql&gt;"`: one query in the lake's Athena workgroup over the processed database. The result goes
/// to stdout in the same formats as the local `lake query`; the query id, run time, data scanned and cost go to stderr.
/// Exit 2 when Athena blames the query (ErrorCategory 2: syntax, unknown table or column), 1 for any other failure,
/// 130 after Ctrl-C (143 after SIGTERM), which stops the query with StopQueryExecution.
/// </summary>
internal static class AthenaQueryCommand
{
    private static int ExitInterrupted => StopSignal.ExitCode;

    public static async Task<int> RunAsync(string sql, string format, int limit, string? output, AwsOptions options, string? workgroup, string? database, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sql)) throw new LakeException("the query is empty: give one SQL statement, such as \"SELECT count(*) FROM tripdata\".");
        AthenaReadStatement.Check(sql);
        if (limit < 0) throw new LakeException($"--limit {limit}: give 0 or more rows.");
        var outputPath = output is null ? null : ResultDownload.Check(output, format);
        var idleLimit = ResultDownload.IdleLimit(Environment.GetEnvironmentVariable);
        var cost = ScanPrice.Load(Prices.DefaultPath);
        var settings = AthenaSettings.Resolve(options, workgroup, database, Environment.GetEnvironmentVariable);

        using var http = new HttpClient();
        var client = AwsClients.Athena(http, await settings.Target.KeysAsync(), settings.Target.Region, clock,
            AwsClients.EndpointOverride(Environment.GetEnvironmentVariable, "ATHENA"));
        var athena = new AthenaQueries(client, clock);

        // The start is not cancelled by Ctrl-C: once sent, the query may exist, and only its id lets it be stopped.
        string id;
        try
        {
            id = await athena.StartAsync(sql, settings.Workgroup, settings.Database, Guid.NewGuid().ToString(), CancellationToken.None);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "InvalidRequestException")
        {
            throw new LakeException($"Athena refused the query in workgroup {settings.Workgroup}, database {settings.Database}: {e.Message}");
        }
        Console.Error.WriteLine($"Athena query {id} started in workgroup {settings.Workgroup}, database {settings.Database}.");

        AthenaExecution execution;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            execution = await athena.WaitAsync(id, Progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await StopAsync(athena, id, cost);
        }

        switch (execution.State)
        {
            case "SUCCEEDED" when outputPath is not null:
                return await DownloadAsync(settings, execution, outputPath, idleLimit, cost, cancellationToken);
            case "SUCCEEDED":
                AthenaRows rows;
                try
                {
                    rows = await athena.ReadRowsAsync(execution, limit, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"lake: stopped by {StopSignal.Name} while reading the result; the query itself had finished.{Environment.NewLine}{cost.Summary(execution)}");
                    return ExitInterrupted;
                }
                Output.Write(new QueryResult(rows.Columns.Select(c => c.Name).ToList(), AthenaValues.Typed(rows), rows.Truncated), format);
                Console.Error.WriteLine(cost.Summary(execution));
                return 0;
            case "FAILED":
                Console.Error.WriteLine(cost.Summary(execution));
                var blame = execution.ErrorCategory switch
                {
                    AthenaErrorCategory.User => "an error in the query",
                    AthenaErrorCategory.System => "an Athena system error",
                    _ => "an error Athena does not attribute",
                };
                Console.Error.WriteLine($"lake: Athena query {id} FAILED with {blame}: {execution.StateChangeReason ?? "no reason given"}");
                return execution.ErrorCategory == AthenaErrorCategory.User ? 2 : 1;
            default:
                Console.Error.WriteLine(cost.Summary(execution));
                Console.Error.WriteLine($"lake: Athena query {id} was {execution.State}: {execution.StateChangeReason ?? "no reason given"}");
                return 1;
        }
    }

    private static async Task<int> DownloadAsync(AthenaSettings settings, AthenaExecution execution, string path, TimeSpan idleLimit, ScanCost cost, CancellationToken cancellationToken)
    {
        if (execution.OutputLocation is null)
            throw new InvalidDataException($"Athena reported no OutputLocation for query {execution.Id}: its result cannot be downloaded.");
        long bytes;
        try
        {
            bytes = await ResultDownload.DownloadAsync(settings.Target, execution.OutputLocation, path, idleLimit, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"lake: stopped by {StopSignal.Name} while downloading; {path} was not written. The whole result stays at {execution.OutputLocation}.{Environment.NewLine}{cost.Summary(execution)}");
            return ExitInterrupted;
        }
        catch (TimeoutException e)
        {
            Console.Error.WriteLine(cost.Summary(execution));
            Console.Error.WriteLine($"lake: the download stalled: {e.Message}; {path} was not written. Run the same command again, or copy the object itself (LAKE_DOWNLOAD_IDLE_SECONDS sets the limit).");
            return 1;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or Amazon.Runtime.AmazonClientException)
        {
            Console.Error.WriteLine(cost.Summary(execution));
            Console.Error.WriteLine($"lake: the download of {execution.OutputLocation} broke off ({e.Message}); {path} was not written. Run the same command again, or copy the object itself.");
            return 1;
        }
        catch (Amazon.S3.AmazonS3Exception e)
        {
            Console.Error.WriteLine(cost.Summary(execution));
            Console.Error.WriteLine($"lake: the query SUCCEEDED but its result could not be read from {execution.OutputLocation}: {e.ErrorCode} (HTTP {(int)e.StatusCode}) {e.Message}. {path} was not written. The caller needs s3:GetObject on the results bucket and kms:Decrypt on the lake key.");
            return 1;
        }
        Console.WriteLine($"{path}: the whole result of Athena query {execution.Id}, {ScanCost.Size(bytes)} of CSV from {execution.OutputLocation}");
        Console.Error.WriteLine(cost.Summary(execution));
        return 0;
    }

    // Ctrl-C: the query keeps running (and billing) on Athena unless it is stopped, so stop it and say what became of it.
    private static async Task<int> StopAsync(AthenaQueries athena, string id, ScanCost cost)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await athena.StopAsync(id, grace.Token);
            var after = await athena.GetAsync(id, grace.Token);
            Console.Error.WriteLine($"lake: stopped by {StopSignal.Name}: Athena query {id} was stopped (StopQueryExecution); it is now {after.State}.");
            Console.Error.WriteLine(cost.Summary(after));
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or OperationCanceledException)
        {
            Console.Error.WriteLine($"lake: stopped by {StopSignal.Name}, but Athena did not confirm stopping query {id} ({e.Message}); it may still run: aws athena stop-query-execution --query-execution-id {id}");
        }
        return ExitInterrupted;
    }

    private static void Progress(AthenaExecution execution) =>
        LakeCommands.Progress($"Athena query {execution.Id}: {execution.State}, {(execution.DataScannedBytes is { } scanned ? ScanCost.Size(scanned) : "unknown")} scanned{(execution.TotalTime is { } t ? $", {t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "")}");
}
