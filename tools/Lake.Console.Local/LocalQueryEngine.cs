using System.IO.Pipelines;
using System.Text;
using SocarDataLake.Core.Queries;
using SocarDataLake.LakeConsole.Ports;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole.Local;

/// <summary>
/// Queries through <see cref="QueryService"/>, the sandbox of `lake query`, each on a thread of its own in this process
/// (<see cref="LocalQueries"/>): they end with the console.
/// </summary>
public sealed class LocalQueryEngine : IQueryEngine
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly QueryService _service;
    private readonly LocalQueries _queries;
    private readonly TimeProvider _clock;

    public LocalQueryEngine(LakeRoot root, TimeProvider clock)
    {
        _service = new QueryService(root, new CatalogStore(root));
        _queries = new LocalQueries(_service, clock);
        _clock = clock;
    }

    public TimeSpan DefaultTimeout => QueryService.DefaultTimeout;

    public async Task<string> StartAsync(QueryStart query, CancellationToken cancellationToken) =>
        (await _queries.StartAsync(query.Sql, query.Limit, query.Timeout, query.Parameters)).Id;

    public async Task<QuerySnapshot> ReadAsync(string id, int offset, int count, TimeSpan wait, CancellationToken cancellationToken)
    {
        var query = _queries.Find(id);
        if (wait > TimeSpan.Zero && query.Running)
            await Task.WhenAny(query.Completion, Task.Delay(wait, _clock, cancellationToken));
        return query.Snapshot(offset, count);
    }

    public async Task<QuerySnapshot> StopAsync(string id, CancellationToken cancellationToken)
    {
        var query = _queries.Find(id);
        query.Stop();
        // DuckDB stops at its next check, usually at once; the state says "running" if it has not yet.
        await Task.WhenAny(query.Completion, Task.Delay(TimeSpan.FromSeconds(10), _clock, cancellationToken));
        return query.Snapshot(0, 0);
    }

    /// <summary>
    /// The kept rows when the query kept them all, whole; else the whole result read again through the same sandbox. Either way
    /// a thread of its own writes the CSV into a pipe and the caller reads it as it comes; the header is written before
    /// this returns, so a failure to run the query again is still an error the caller can answer with.
    /// </summary>
    public async Task<QueryCsv> CsvAsync(string id, CancellationToken cancellationToken)
    {
        var query = _queries.Find(id);
        // Only a result read again runs DuckDB; the kept rows are in memory already.
        var place = query.Truncated ? _queries.Download() : null;
        var pipe = new Pipe();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var header = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producer = Task.Factory.StartNew(() =>
        {
            Exception? failure = null;
            try
            {
                using var text = new StreamWriter(pipe.Writer.AsStream(leaveOpen: true), Utf8, 1 << 16);
                void Line(IEnumerable<string> fields)
                {
                    text.Write(ResultText.CsvLine(fields));
                    text.Write('\n');
                }
                if (query.KeptWhole)
                {
                    Line(query.Columns ?? []);
                    header.TrySetResult();
                    foreach (var row in query.Page(0, int.MaxValue)) Line(row.Select(ResultText.Text));
                }
                else
                {
                    _service.Read(query.Sql, new QueryReading(
                        columns =>
                        {
                            Line(columns);
                            header.TrySetResult();
                        },
                        row =>
                        {
                            Line(row.Select(ResultText.Text));
                            return true;
                        },
                        query.Timeout, null, stop.Token) { TimeoutSetting = "timeout_seconds", Parameters = query.Parameters });
                }
            }
            catch (Exception e)
            {
                failure = e;
                header.TrySetException(e);
            }
            finally
            {
                place?.Dispose();
            }
            pipe.Writer.Complete(failure);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var content = new ProducedStream(pipe.Reader, stop, producer);
        try
        {
            await header.Task;
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
        return QueryCsv.Of(content);
    }

    public void StopAll() => _queries.StopAll();
}
