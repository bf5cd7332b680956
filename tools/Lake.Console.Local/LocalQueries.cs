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
    /// <summary>Each query takes DuckDB threads and up to 512 MB: more at once would only slow every one down.</summary>
    public const int MaxRunning = 4;

    public const int Kept = 100;

    private readonly Dictionary<string, LocalQuery> _queries = [];
    private readonly List<string> _order = [];

    public async Task<LocalQuery> StartAsync(string sql, int limit, TimeSpan timeout, IReadOnlyDictionary<string, object?> parameters)
    {
        var query = new LocalQuery(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), sql, parameters, limit, timeout, clock);
        lock (_queries)
        {
            var running = _queries.Values.Count(q => q.Running);
            if (running >= MaxRunning)
                throw new ApiException(StatusCodes.Status429TooManyRequests, $"{running} queries are running, the most at once: stop one (DELETE /api/queries/<id>) or wait for one to finish.");
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
