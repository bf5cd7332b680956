using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using SocarDataLake.Local;

namespace SocarDataLake.LakeConsole.Local;

/// <summary>
/// The queries a console has started: start-then-poll, so no request waits for a long query (on AWS, API Gateway
/// would cut it at 30 s). A few run at once on this machine; the most recent finished ones are kept for paging.
/// </summary>
internal sealed class LocalQueries(QueryService service, TimeProvider clock)
{
    /// <summary>
    /// Each query takes DuckDB threads and up to 512 MB: more at once would only slow every one down. A CSV download
    /// that reads the result again runs DuckDB just the same, so it takes one of these places too.
    /// </summary>
    public const int MaxRunning = 4;

    /// <summary>Queries here run for seconds: asking again after this is rarely in vain.</summary>
    public const int RetryAfterSeconds = 5;

    public const int Kept = 100;

    private readonly Dictionary<string, LocalQuery> _queries = [];
    private readonly List<string> _order = [];
    private int _downloads;

    public async Task<LocalQuery> StartAsync(string sql, int limit, TimeSpan timeout, IReadOnlyDictionary<string, object?> parameters)
    {
        var query = new LocalQuery(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), sql, parameters, limit, timeout, clock);
        lock (_queries)
        {
            RefuseWhenFull("start it again");
            _queries[query.Id] = query;
            _order.Add(query.Id);
        }
        try
        {
            await query.StartAsync(service);
        }
        catch
        {
            Forget(query.Id);
            throw;
        }
        Trim();
        return query;
    }

    /// <summary>
    /// Takes a place for a CSV download that reads a result again, or refuses (429) when every place is taken; the
    /// place is free again once the returned value is disposed.
    /// </summary>
    public IDisposable Download()
    {
        lock (_queries)
        {
            RefuseWhenFull("download again");
            _downloads++;
        }
        return new DownloadPlace(this);
    }

    public LocalQuery Find(string id)
    {
        lock (_queries)
            return _queries.GetValueOrDefault(id)
                ?? throw ApiException.NotFound($"no query '{id}': the console keeps the last {Kept} queries while it runs; start it again with POST /api/queries.");
    }

    public void StopAll()
    {
        lock (_queries)
            foreach (var query in _queries.Values) query.Stop();
    }

    // Called under the lock.
    private void RefuseWhenFull(string then)
    {
        var running = _queries.Values.Count(q => q.Running);
        if (running + _downloads < MaxRunning) return;
        throw new ApiException(StatusCodes.Status429TooManyRequests,
            $"{running} queries and {_downloads} CSV downloads are running, {MaxRunning} at most at once: stop a query (DELETE /api/queries/<id>) or wait for one to finish, then {then} (Retry-After: {RetryAfterSeconds} s).")
        {
            RetryAfterSeconds = RetryAfterSeconds,
        };
    }

    private sealed class DownloadPlace(LocalQueries queries) : IDisposable
    {
        private int _freed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _freed, 1) != 0) return;
            lock (queries._queries) queries._downloads--;
        }
    }

    private void Forget(string id)
    {
        lock (_queries)
        {
            _queries.Remove(id);
            _order.Remove(id);
        }
    }

    // The oldest finished queries go first; a running one is never dropped.
    private void Trim()
    {
        lock (_queries)
        {
            foreach (var id in _order.Where(id => !_queries[id].Running).Take(Math.Max(0, _order.Count - Kept)).ToList())
            {
                _queries.Remove(id, out var query);
                _order.Remove(id);
                query!.Dispose();
            }
        }
    }
}
