using SocarDataLake.Core;
using SocarDataLake.Core.Queries;
using SocarDataLake.LakeConsole.Ports;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole.Local;

/// <summary>
/// One query of the console, run on a thread of its own through <see cref="QueryService"/> (the sandbox of
/// `lake query`). It keeps up to <see cref="Limit"/> rows for paging, and only while they fit in
/// <see cref="MaxKeptBytes"/>; a value longer than <see cref="MaxKeptValueChars"/> is kept cut, with a marker. A page
/// may read the rows while it runs. The CSV download reads the whole result again whenever what is kept is not all of it.
/// </summary>
internal sealed class LocalQuery(string id, string sql, IReadOnlyDictionary<string, object?> parameters, int limit, TimeSpan timeout, TimeProvider clock) : IDisposable
{
    /// <summary>
    /// Rows kept per query, in memory: the console keeps its last 100 queries, and ten 20 MB values held ~1 GB until
    /// they were forgotten.
    /// </summary>
    public const long MaxKeptBytes = 32L * 1024 * 1024;

    /// <summary>Longer text is no use in a table cell or a chart; the CSV download has it whole.</summary>
    public const int MaxKeptValueChars = 64 * 1024;

    private readonly List<object?[]> _rows = [];
    private long _keptBytes;
    private readonly CancellationTokenSource _stop = new();
    private readonly long _started = clock.GetTimestamp();
    private long? _finished;

    public string Id { get; } = id;
    public string Sql { get; } = sql;

    /// <summary>The values bound to the SQL's $names (a dashboard's inputs); the CSV download binds them again.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; } = parameters;
    public int Limit { get; } = limit;
    public TimeSpan Timeout { get; } = timeout;
    public string State { get; private set; } = "running";
    public string? Error { get; private set; }
    public IReadOnlyList<string>? Columns { get; private set; }
    public bool Truncated { get; private set; }

    /// <summary>Rows stopped being kept at <see cref="MaxKeptBytes"/>, before the row limit.</summary>
    public bool RowsKeptTruncated { get; private set; }

    /// <summary>A kept value was cut at <see cref="MaxKeptValueChars"/>.</summary>
    public bool ValuesCut { get; private set; }

    /// <summary>The kept rows are the whole result, value for value: the CSV may be written from them.</summary>
    public bool KeptWhole => !Truncated && !ValuesCut;

    public long KeptBytes
    {
        get { lock (_rows) return _keptBytes; }
    }
    public Task Completion { get; private set; } = Task.CompletedTask;
    public bool Running => State == "running";
    public double ElapsedSeconds => clock.GetElapsedTime(_started, _finished ?? clock.GetTimestamp()).TotalSeconds;

    public int RowCount
    {
        get { lock (_rows) return _rows.Count; }
    }

    public IReadOnlyList<object?[]> Page(int offset, int count)
    {
        lock (_rows) return _rows.Skip(offset).Take(count).ToList();
    }

    // The state is read before the rows: once it says succeeded, every row is kept and the page holds them.
    public QuerySnapshot Snapshot(int offset, int count)
    {
        var state = State;
        var (page, cut) = PageBudget.Take(Page(offset, count), count);
        return new(Id, Sql, Parameters, state, Error, Columns, RowCount, Truncated, Limit, Timeout, ElapsedSeconds, offset, page)
        {
            PageTruncated = cut,
            RowsKeptTruncated = RowsKeptTruncated,
            Notice = Notice(cut, page.Count),
        };
    }

    private string? Notice(bool pageCut, int shown)
    {
        var notes = new List<string>();
        if (RowsKeptTruncated)
            notes.Add($"{RowCount:N0} rows kept for paging: the next would pass the {MaxKeptBytes / (1024 * 1024)} MiB of rows the console keeps per query");
        if (ValuesCut) notes.Add($"values longer than {MaxKeptValueChars:N0} characters are cut in pages");
        if (pageCut) notes.Add(PageBudget.CutPageNote(shown));
        return notes.Count == 0 ? null : string.Join("; ", notes) + ". The CSV download has the whole result.";
    }

    /// <summary>
    /// Starts the query and returns once the sandbox has let it through; a statement it refuses (it writes, it is two
    /// statements, it does not parse or names an unknown table) fails here with the <see cref="LakeException"/> that says why.
    /// </summary>
    public async Task StartAsync(QueryService service)
    {
        var accepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // DuckDB blocks its caller for the whole query: a thread of its own, not one of the pool's few.
        Completion = Task.Factory.StartNew(() => Run(service, accepted), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await accepted.Task;
    }

    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Finished and forgotten: nothing left to stop.
        }
    }

    /// <summary>Only once it has finished: its thread no longer listens to the stop.</summary>
    public void Dispose() => _stop.Dispose();

    private void Run(QueryService service, TaskCompletionSource accepted)
    {
        try
        {
            service.Read(Sql, new QueryReading(columns => Columns = columns, Keep, Timeout, () => accepted.TrySetResult(), _stop.Token) { TimeoutSetting = "timeout_seconds", Parameters = Parameters });
            Finish("succeeded", null);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            accepted.TrySetResult();
            Finish("cancelled", "stopped before it finished (DELETE /api/queries/" + Id + ").");
        }
        catch (Exception e)
        {
            if (accepted.TrySetException(e)) Finish("failed", e.Message);
            else Finish("failed", e is LakeException ? e.Message : $"internal error: {e.GetType().Name}: {e.Message}");
        }
    }

    private bool Keep(object?[] row)
    {
        lock (_rows)
        {
            // One row past the limit says the result was cut, without reading the rest of it.
            if (_rows.Count == Limit)
            {
                Truncated = true;
                return false;
            }
        }
        long bytes = 24 + 8L * row.Length;
        for (var i = 0; i < row.Length; i++) row[i] = Kept(row[i], ref bytes);
        lock (_rows)
        {
            // The rest is not read: the CSV download reads the whole result again.
            if (_keptBytes + bytes > MaxKeptBytes)
            {
                Truncated = true;
                RowsKeptTruncated = true;
                return false;
            }
            _rows.Add(row);
            _keptBytes += bytes;
            return true;
        }
    }

    // Memory as .NET holds it: two bytes a character. Lists, structs and maps are kept as the text a page shows anyway.
    private object? Kept(object? value, ref long bytes)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                text = Cut(text);
                bytes += 24 + 2L * text.Length;
                return text;
            case byte[] blob when blob.Length <= MaxKeptValueChars:
                bytes += 24 + blob.Length;
                return blob;
            case ValueType:
                bytes += 24;
                return value;
            default:
                var shown = Cut(ResultText.Text(value));
                bytes += 24 + 2L * shown.Length;
                return shown;
        }
    }

    private string Cut(string text)
    {
        if (text.Length <= MaxKeptValueChars) return text;
        ValuesCut = true;
        return ValueCut.Marked(text, MaxKeptValueChars, $"of {text.Length:N0} characters");
    }

    private void Finish(string state, string? error)
    {
        _finished = clock.GetTimestamp();
        Error = error;
        State = state;
    }
}
