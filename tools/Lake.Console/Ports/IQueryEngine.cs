namespace SocarDataLake.LakeConsole.Ports;

/// <summary>
/// Read-only SQL, start-then-poll: DuckDB's sandbox of `lake query` locally, Athena on AWS. A query is named by the id
/// <see cref="StartAsync"/> gives; any later request may read it (on AWS, from another instance of the function). An id
/// the engine does not know throws <see cref="ApiException"/> 404, saying how long the engine keeps queries.
/// </summary>
public interface IQueryEngine
{
    /// <summary>The time limit of a query whose request gives none.</summary>
    TimeSpan DefaultTimeout { get; }

    /// <summary>
    /// Starts the query and answers once the engine has accepted it. A statement it refuses (it writes, it is two
    /// statements, it does not parse) throws the <see cref="Core.LakeException"/> that says why, and never runs.
    /// </summary>
    Task<string> StartAsync(QueryStart query, CancellationToken cancellationToken);

    /// <summary>The query's state and the rows from <paramref name="offset"/>; waits up to <paramref name="wait"/> for it to end.</summary>
    Task<QuerySnapshot> ReadAsync(string id, int offset, int count, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Asks the query to stop and answers its state once it has, or after a short wait.</summary>
    Task<QuerySnapshot> StopAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The whole result as CSV, never capped by the query's row limit: a stream, or where the result already is (on
    /// AWS, a presigned address of Athena's result object). Only for a query that succeeded; a
    /// failure before the first byte throws, so the caller can still answer with an error.
    /// </summary>
    Task<QueryCsv> CsvAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stops every query this process runs (the local console is stopping); a no-op where queries outlive the process.</summary>
    void StopAll();
}

/// <summary>What POST /api/queries (or a dashboard's query) asks for. Parameters are values for the SQL's $names.</summary>
public sealed record QueryStart(string Sql, int Limit, TimeSpan Timeout, IReadOnlyDictionary<string, object?> Parameters)
{
    /// <summary>Rows kept for paging at most (the CSV download is never capped).</summary>
    public const int MaxLimit = 100_000;

    public const int MaxTimeoutSeconds = 3600;
}

/// <summary>
/// A query as GET /api/queries/{id} shows it, with one page of its rows. RowCount is null while the engine cannot
/// tell; bytes scanned and cost are null where the engine does not charge by them (the local lake).
/// </summary>
public sealed record QuerySnapshot(
    string Id,
    string Sql,
    IReadOnlyDictionary<string, object?> Parameters,
    string State,
    string? Error,
    IReadOnlyList<string>? Columns,
    int? RowCount,
    bool Truncated,
    int Limit,
    TimeSpan Timeout,
    double ElapsedSeconds,
    int Offset,
    IReadOnlyList<object?[]> Rows)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public long? BytesScanned { get; init; }

    public decimal? CostUsd { get; init; }

    /// <summary>The page holds fewer rows than asked for because more would pass <see cref="PageBudget.MaxPageBytes"/>.</summary>
    public bool PageTruncated { get; init; }

    /// <summary>The engine stopped keeping rows for paging before the row limit, at a memory budget; the CSV has them all.</summary>
    public bool RowsKeptTruncated { get; init; }

    /// <summary>What the caller should know about the rows kept or shown (a budget reached), in words; null when nothing.</summary>
    public string? Notice { get; init; }

    public bool IsRunning => State == Running;
}

/// <summary>A query's whole result: either its CSV text to send, or the address where the caller fetches it.</summary>
public sealed record QueryCsv(Stream? Content, Uri? Location)
{
    public static QueryCsv Of(Stream content) => new(content, null);

    public static QueryCsv At(Uri location) => new(null, location);
}
