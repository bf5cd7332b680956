using System.Globalization;
using Microsoft.AspNetCore.Http;
using SocarDataLake.Aws;
using SocarDataLake.Aws.Athena;
using SocarDataLake.AwsViews;
using SocarDataLake.Core;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole.Aws;

/// <summary>
/// The console's SQL on Athena, in the lake's workgroup over the processed database, checked read-only first by the
/// check of `lake query --aws` (<see cref="AthenaReadStatement"/>). Nothing is kept in the function: a query's id is
/// Athena's QueryExecutionId with the row and time limits asked for, so any instance can answer any poll. Each poll asks
/// GetQueryExecution; a page of a SUCCEEDED query follows GetQueryResults' NextToken from the nearest token this
/// instance has met before the page (<see cref="ResultPageTokens"/>), or from the first row; a query past
/// its time limit is stopped with StopQueryExecution when polled. The whole CSV is Athena's result object itself,
/// through a presigned S3 address, since a Lambda answers at most 6 MB.
/// </summary>
public sealed class AthenaQueryEngine(AwsConsoleSettings settings, AthenaQueries athena, PresignedDownloads downloads, TimeProvider clock) : IQueryEngine
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    private readonly ResultPageTokens _pageTokens = new();

    public TimeSpan DefaultTimeout => TimeSpan.FromSeconds(60);

    public async Task<string> StartAsync(QueryStart query, CancellationToken cancellationToken)
    {
        AthenaReadStatement.Check(query.Sql, "the console's SQL on Athena");
        // A dashboard's $names become Athena's ? placeholders with execution parameters; the SQL page's text goes as written.
        (string Sql, IReadOnlyList<string> Values) bound = query.Parameters.Count > 0 ? AthenaParameters.Bind(query.Sql, query.Parameters) : (query.Sql, Array.Empty<string>());
        string id;
        try
        {
            id = await athena.StartAsync(bound.Sql, settings.Workgroup, settings.Database, Guid.NewGuid().ToString(), cancellationToken, bound.Values);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "InvalidRequestException")
        {
            throw new LakeException($"Athena refused the query in workgroup {settings.Workgroup}, database {settings.Database}: {e.Message}");
        }
        catch (AwsServiceException e) when (e.ErrorCode == "TooManyRequestsException")
        {
            throw new ApiException(StatusCodes.Status429TooManyRequests, $"Athena runs as many queries at once as the account may ({e.Message}): stop one (DELETE /api/queries/<id>) or wait for one to finish.");
        }
        return QueryId.Format(id, query.Limit, query.Timeout);
    }

    public async Task<QuerySnapshot> ReadAsync(string id, int offset, int count, TimeSpan wait, CancellationToken cancellationToken)
    {
        var query = QueryId.Parse(id);
        var execution = await GetAsync(query, cancellationToken);
        var deadline = clock.GetUtcNow() + wait;
        while (!execution.IsFinal && clock.GetUtcNow() < deadline)
        {
            var left = deadline - clock.GetUtcNow();
            await Task.Delay(left < PollEvery ? left : PollEvery, clock, cancellationToken);
            execution = await GetAsync(query, cancellationToken);
        }
        string? timedOut = null;
        if (!execution.IsFinal && execution.TotalTime > query.Timeout)
        {
            await athena.StopAsync(query.ExecutionId, cancellationToken);
            execution = await GetAsync(query, cancellationToken);
            timedOut = $"stopped at the time limit of {query.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (timeout_seconds): give a longer one, or scan less (a WHERE on the partition columns).";
        }
        return await SnapshotAsync(id, query, execution, offset, count, timedOut, cancellationToken);
    }

    public async Task<QuerySnapshot> StopAsync(string id, CancellationToken cancellationToken)
    {
        var query = QueryId.Parse(id);
        await GetAsync(query, cancellationToken);
        await athena.StopAsync(query.ExecutionId, cancellationToken);
        return await SnapshotAsync(id, query, await GetAsync(query, cancellationToken), 0, 0, null, cancellationToken);
    }

    public async Task<QueryCsv> CsvAsync(string id, CancellationToken cancellationToken)
    {
        var query = QueryId.Parse(id);
        var execution = await GetAsync(query, cancellationToken);
        if (execution.OutputLocation is not { } location || !location.StartsWith("s3://", StringComparison.Ordinal) || location.IndexOf('/', 5) < 0)
            throw new InvalidDataException($"Athena reported no S3 OutputLocation for query {execution.Id} ('{execution.OutputLocation}'): its result cannot be downloaded.");
        var slash = location.IndexOf('/', 5);
        return QueryCsv.At(await downloads.AddressAsync(location[5..slash], location[(slash + 1)..], "text/csv; charset=utf-8", $"query-{execution.Id}.csv"));
    }

    /// <summary>Athena's queries are not this process's: they end on their own, or at their time limit when polled.</summary>
    public void StopAll()
    {
    }

    private async Task<AthenaExecution> GetAsync(QueryId query, CancellationToken cancellationToken)
    {
        try
        {
            return await athena.GetAsync(query.ExecutionId, cancellationToken);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "InvalidRequestException")
        {
            throw ApiException.NotFound($"no query '{query.ExecutionId}' in Athena ({e.Message}): start it again with POST /api/queries.");
        }
    }

    private async Task<QuerySnapshot> SnapshotAsync(string id, QueryId query, AthenaExecution execution, int offset, int count, string? timedOut, CancellationToken cancellationToken)
    {
        var (state, error) = execution.State switch
        {
            "SUCCEEDED" => (QuerySnapshot.Succeeded, null),
            "FAILED" => (QuerySnapshot.Failed, $"Athena: {Blame(execution.ErrorCategory)}: {execution.StateChangeReason ?? "no reason given"}"),
            "CANCELLED" => (QuerySnapshot.Cancelled, timedOut ?? $"stopped before it finished (Athena: {execution.StateChangeReason ?? "cancelled"})."),
            _ => (QuerySnapshot.Running, timedOut),
        };
        IReadOnlyList<string>? columns = null;
        IReadOnlyList<object?[]> page = [];
        int? rowCount = null;
        var truncated = false;
        var pageCut = false;
        if (state == QuerySnapshot.Succeeded)
        {
            // Rows up to the end of the page asked for, one more telling whether there are others; never past the limit.
            var wanted = (int)Math.Min((long)offset + count, query.Limit);
            var (start, rows) = await ReadRowsAsync(execution, Math.Min(offset, wanted), wanted, cancellationToken);
            columns = rows.Columns.Select(c => c.Name).ToList();
            // A page past the budget would not fit Lambda's 6 MB answer: it stops early and the caller asks on from there.
            (page, pageCut) = PageBudget.Take(AthenaValues.Typed(rows).Skip(offset - start), count);
            truncated = rows.Truncated && wanted == query.Limit;
            rowCount = !rows.Truncated ? start + rows.Rows.Count : truncated ? query.Limit : null;
        }
        var usd = settings.Cost?.Usd(execution);
        return new QuerySnapshot(id, execution.Sql ?? "", new Dictionary<string, object?>(), state, error, columns, rowCount, truncated, query.Limit, query.Timeout,
            execution.TotalTime?.TotalSeconds ?? 0, offset, page)
        {
            BytesScanned = execution.DataScannedBytes,
            CostUsd = usd is { } cost ? Math.Round((decimal)cost, 6) : null,
            PageTruncated = pageCut,
            Notice = pageCut ? $"{PageBudget.CutPageNote(page.Count)}. The CSV download has the whole result." : null,
        };
    }

    // From the nearest known token at or before the first row wanted; a token Athena no longer takes means from the start.
    private async Task<(int Start, AthenaRows Rows)> ReadRowsAsync(AthenaExecution execution, int first, int limit, CancellationToken cancellationToken)
    {
        void Reached(AthenaResultPosition position) => _pageTokens.Add(execution.Id, position);
        if (_pageTokens.Nearest(execution.Id, first) is { } from)
        {
            try
            {
                return (from.Row, await athena.ReadRowsAsync(execution, limit, cancellationToken, from, Reached));
            }
            catch (AwsServiceException e) when (e.ErrorCode == "InvalidRequestException")
            {
                _pageTokens.Forget(execution.Id);
            }
        }
        return (0, await athena.ReadRowsAsync(execution, limit, cancellationToken, null, Reached));
    }

    private static string Blame(AthenaErrorCategory? category) => category switch
    {
        AthenaErrorCategory.User => "an error in the query",
        AthenaErrorCategory.System => "an Athena system error",
        _ => "an error Athena does not attribute",
    };
}
