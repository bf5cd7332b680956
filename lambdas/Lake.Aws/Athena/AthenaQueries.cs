using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocarDataLake.Aws.Athena;

/// <summary>
/// Athena's query operations over the signed JSON client (awsJson1_1, targets "AmazonAthena.&lt;Operation&gt;"):
/// StartQueryExecution, GetQueryExecution polled until a final state, GetQueryResults page by page, and
/// StopQueryExecution. Calls Athena refuses for throttling (ThrottlingException, TooManyRequestsException) or
/// server errors are repeated with exponential backoff and full jitter; a repeated start carries the same
/// ClientRequestToken, so Athena answers it with the query it already created instead of running a second one.
/// </summary>
public sealed class AthenaQueries(AwsJsonClient athena, TimeProvider clock)
{
    /// <summary>GetQueryResults returns at most 1000 rows per call (MaxResults, valid range 1-1000).</summary>
    public const int MaxPageRows = 1000;

    // A short query ends in about a second; a long one is not worth more than a look every two seconds.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollCap = TimeSpan.FromSeconds(2);

    /// <param name="executionParameters">Values for the statement's ? placeholders, in order, each a SQL literal (ExecutionParameters; none is sent when empty).</param>
    public async Task<string> StartAsync(string sql, string workgroup, string database, string clientRequestToken, CancellationToken cancellationToken,
        IReadOnlyList<string>? executionParameters = null)
    {
        var request = new StartQueryExecutionRequest(sql, clientRequestToken, workgroup, new QueryExecutionContext(database),
            executionParameters is { Count: > 0 } values ? values : null);
        var response = await CallAsync("StartQueryExecution", JsonSerializer.SerializeToUtf8Bytes(request, AthenaJsonContext.Default.StartQueryExecutionRequest),
            AthenaJsonContext.Default.StartQueryExecutionResponse, cancellationToken);
        return response?.QueryExecutionId is { Length: > 0 } id ? id : throw new InvalidDataException("StartQueryExecution answered without a QueryExecutionId.");
    }

    public async Task<AthenaExecution> GetAsync(string queryExecutionId, CancellationToken cancellationToken)
    {
        var response = await CallAsync("GetQueryExecution", IdBody(queryExecutionId), AthenaJsonContext.Default.GetQueryExecutionResponse, cancellationToken);
        var body = response?.QueryExecution ?? throw new InvalidDataException($"GetQueryExecution of {queryExecutionId} answered without a QueryExecution.");
        var statistics = body.Statistics;
        var error = body.Status?.AthenaError;
        return new AthenaExecution(
            body.QueryExecutionId ?? queryExecutionId,
            body.Status?.State ?? "QUEUED",
            body.Status?.StateChangeReason ?? error?.ErrorMessage,
            error?.ErrorCategory is int category and >= 1 and <= 3 ? (AthenaErrorCategory)category : null,
            body.StatementType,
            statistics?.DataScannedInBytes,
            statistics?.EngineExecutionTimeInMillis is long engine ? TimeSpan.FromMilliseconds(engine) : null,
            statistics?.TotalExecutionTimeInMillis is long total ? TimeSpan.FromMilliseconds(total) : null,
            body.ResultConfiguration?.OutputLocation) { Sql = body.Query };
    }

    /// <summary>Polls GetQueryExecution, waiting longer between looks, until the query is SUCCEEDED, FAILED or CANCELLED.</summary>
    public async Task<AthenaExecution> WaitAsync(string queryExecutionId, Action<AthenaExecution>? progress, CancellationToken cancellationToken)
    {
        var wait = FirstPoll;
        while (true)
        {
            var execution = await GetAsync(queryExecutionId, cancellationToken);
            progress?.Invoke(execution);
            if (execution.IsFinal) return execution;
            // QueryExecutionStatus.State is one of five values (Athena API Reference); another would be polled forever.
            if (execution.State is not ("QUEUED" or "RUNNING"))
                throw new AwsAnswerException($"GetQueryExecution of query {queryExecutionId} reported the state {execution.State}, which Athena does not document (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED); stopped waiting. See the query in the Athena console, or stop it: aws athena stop-query-execution --query-execution-id {queryExecutionId}");
            await Task.Delay(wait, clock, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(PollCap.Ticks, wait.Ticks * 2));
        }
    }

    /// <summary>
    /// The first <paramref name="limit"/> rows of a SUCCEEDED query, following NextToken from page to page. The
    /// first row of the first page of a SELECT holds the column names, not data, and is skipped. Given
    /// <paramref name="from"/>, the read starts at that token and the rows returned begin at its row; each NextToken
    /// met is told to <paramref name="reached"/> with the row it leads to, so a later read can start there.
    /// </summary>
    public async Task<AthenaRows> ReadRowsAsync(AthenaExecution execution, int limit, CancellationToken cancellationToken,
        AthenaResultPosition? from = null, Action<AthenaResultPosition>? reached = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var start = from?.Row ?? 0;
        if (start > limit) throw new ArgumentOutOfRangeException(nameof(from), $"a read up to row {limit} cannot start at row {start}");
        var rows = new List<string?[]>();
        var columns = from?.Columns.ToList();
        var token = from?.Token;
        var tokens = new PageTokens($"GetQueryResults of query {execution.Id}");
        var firstPage = from is null;
        var rowNumber = start;
        do
        {
            var header = firstPage && execution.HasHeaderRow ? 1 : 0;
            // One row more than the limit tells whether the result was cut.
            var wanted = Math.Clamp(limit - start + 1 - rows.Count + header, 1, MaxPageRows);
            var request = new GetQueryResultsRequest(execution.Id, token, wanted);
            var page = await CallAsync("GetQueryResults", JsonSerializer.SerializeToUtf8Bytes(request, AthenaJsonContext.Default.GetQueryResultsRequest),
                AthenaJsonContext.Default.GetQueryResultsResponse, cancellationToken);
            columns ??= (page?.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).Select((c, i) => new AthenaColumn(c.Name ?? $"_col{i}", c.Type ?? "varchar")).ToList();
            foreach (var row in (page?.ResultSet?.Rows ?? []).Skip(header))
            {
                rowNumber++;
                var data = row.Data ?? [];
                // A cell too many or too few cannot be placed under its column: padding or dropping would show a
                // NULL that is not in the data, or lose a value.
                if (data.Count != columns.Count)
                    throw new AwsAnswerException($"GetQueryResults of query {execution.Id}: result row {rowNumber:N0} has {data.Count} {(data.Count == 1 ? "value" : "values")} for {columns.Count} columns ({string.Join(", ", columns.Select(c => c.Name))}); nothing was printed. The whole result is at the query's OutputLocation (lake query --aws … --output results.csv).");
                rows.Add(data.Select(d => d.VarCharValue).ToArray());
            }
            token = tokens.Next(page?.NextToken);
            if (token is not null) reached?.Invoke(new AthenaResultPosition(start + rows.Count, token, columns));
            firstPage = false;
        }
        while (token is not null && start + rows.Count <= limit);
        var truncated = start + rows.Count > limit;
        return new AthenaRows(columns ?? [], truncated ? rows[..(limit - start)] : rows, truncated);
    }

    public async Task StopAsync(string queryExecutionId, CancellationToken cancellationToken) =>
        await CallAsync("StopQueryExecution", IdBody(queryExecutionId), AthenaJsonContext.Default.EmptyResponse, cancellationToken);

    private static byte[] IdBody(string queryExecutionId) =>
        JsonSerializer.SerializeToUtf8Bytes(new QueryExecutionIdRequest(queryExecutionId), AthenaJsonContext.Default.QueryExecutionIdRequest);

    private Task<T?> CallAsync<T>(string operation, byte[] body, JsonTypeInfo<T> answer, CancellationToken cancellationToken) =>
        athena.CallWithBackoffAsync(operation, body, answer, clock, cancellationToken);
}
