using SocarDataLake.Aws.Athena;

namespace SocarDataLake.LakeConsole.Aws;

/// <summary>
/// The GetQueryResults NextTokens this instance of the function has met, per query, so a page deep in a result is read
/// from the nearest token before it instead of from the first row (Athena has no offset: a token is the only way
/// into the middle). Only a cache: another instance, or a query forgotten here, reads from the start as before.
/// Bounded for a function that lives for hours: the last <see cref="Queries"/> queries, at most
/// <see cref="PositionsPerQuery"/> tokens each.
/// </summary>
internal sealed class ResultPageTokens
{
    public const int Queries = 16;
    public const int PositionsPerQuery = 256;

    private readonly object _gate = new();
    // Most recently used first.
    private readonly LinkedList<(string ExecutionId, SortedList<int, AthenaResultPosition> Positions)> _recent = new();

    /// <summary>The known position nearest before <paramref name="row"/> (at most it), or null: read from the start.</summary>
    public AthenaResultPosition? Nearest(string executionId, int row)
    {
        lock (_gate)
        {
            var positions = Find(executionId);
            if (positions is null) return null;
            AthenaResultPosition? nearest = null;
            foreach (var (at, position) in positions)
            {
                if (at > row) break;
                nearest = position;
            }
            return nearest;
        }
    }

    public void Add(string executionId, AthenaResultPosition position)
    {
        lock (_gate)
        {
            var positions = Find(executionId);
            if (positions is null)
            {
                positions = new SortedList<int, AthenaResultPosition>();
                _recent.AddFirst((executionId, positions));
                if (_recent.Count > Queries) _recent.RemoveLast();
            }
            positions[position.Row] = position;
            // Full: every other position goes, so what is kept still covers the whole result, only more coarsely.
            if (positions.Count > PositionsPerQuery)
                for (var i = positions.Count - 2; i > 0; i -= 2) positions.RemoveAt(i);
        }
    }

    /// <summary>Athena refused a token (it may not keep them for ever): the query's are dropped, and it is read from the start.</summary>
    public void Forget(string executionId)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
                if (node.Value.ExecutionId == executionId)
                {
                    _recent.Remove(node);
                    return;
                }
        }
    }

    // The query's positions, moved to the front as the most recently used.
    private SortedList<int, AthenaResultPosition>? Find(string executionId)
    {
        for (var node = _recent.First; node is not null; node = node.Next)
        {
            if (node.Value.ExecutionId != executionId) continue;
            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Positions;
        }
        return null;
    }
}
