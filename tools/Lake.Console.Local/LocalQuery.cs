using SocarDataLake.Core;
using SocarDataLake.LakeConsole.Ports;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole.Local;

/// <summary>
/// One query of the console, run on a thread of its own through <see cref="QueryService"/> (the sandbox of
/// `lake query`). It keeps up to <see cref="Limit"/> rows for paging; a page may read them while it runs.
/// </summary>
internal sealed class LocalQuery(string id, string sql, IReadOnlyDictionary<string, object?> parameters, int limit, TimeSpan timeout, TimeProvider clock) : IDisposable
{
    private readonly List<object?[]> _rows = [];
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
    public QuerySnapshot Snapshot(int offset, int count) =>
        new(Id, Sql, Parameters, State, Error, Columns, RowCount, Truncated, Limit, Timeout, ElapsedSeconds, offset, Page(offset, count));

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
            _rows.Add(row);
            return true;
        }
    }

    private void Finish(string state, string? error)
    {
        _finished = clock.GetTimestamp();
        Error = error;
        State = state;
    }
}
