using DuckDB.NET.Data;
using SocarDataLake.Core;
using SocarDataLake.Core.Contracts;
using SocarDataLake.Core.Typing;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, bool Truncated);

/// <summary>
/// How <see cref="QueryService.Read"/> hands over a result: <paramref name="Accepted"/> once the sandbox has let the
/// statement through (before it runs), <paramref name="Columns"/> once, then <paramref name="Row"/> per row until it
/// returns false. <paramref name="Stop"/> interrupts the query.
/// </summary>
public sealed record QueryReading(Action<IReadOnlyList<string>> Columns, Func<object?[], bool> Row, TimeSpan? Timeout = null, Action? Accepted = null, CancellationToken Stop = default)
{
    /// <summary>How the caller's user sets the time limit, for the message when it is reached: a flag, or a request's field.</summary>
    public string TimeoutSetting { get; init; } = "--timeout";

    /// <summary>
    /// Values for the statement's named parameters (<c>$name</c>), bound by DuckDB as values: they never become SQL
    /// text, so a value cannot change what the statement does.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();
}

/// <summary>
/// Read-only SQL over the lake: one view per dataset over the Parquet files of its committed runs, in an
/// in-memory DuckDB that may read only the processed zone (external access off, configuration locked). Only
/// one statement runs, and only if DuckDB's parser calls it a SELECT (<see cref="ReadStatement"/>); the rows
/// stream until the row limit, and the query is interrupted at the time limit.
/// </summary>
public sealed class QueryService(LakeRoot root, CatalogStore catalog)
{
    public const int DefaultLimit = 100;

    /// <summary>Long enough for any scan of a one-machine lake, short enough that a runaway query ends on its own.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static string EmptyDataset(DatasetContract contract)
    {
        var plan = ContractCompiler.Compile(contract);
        var sources = plan.Columns.Select(c => c.Source).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var relation = $"(SELECT {string.Join(", ", sources.Select(s => $"CAST(NULL AS VARCHAR) AS {Sql.Ident(s)}"))} WHERE false)";
        var typed = new DuckDbTypingPlanRenderer().RenderSelect(plan, relation, sources.ToHashSet(StringComparer.OrdinalIgnoreCase), []);
        return $"SELECT {string.Join(", ", plan.Columns.Select(c => Sql.Ident(c.Name)).Concat(plan.Partitions.Select(p => Sql.Ident(p.Name))))} FROM ({typed})";
    }

    public QueryResult Run(string sql, int limit = DefaultLimit, TimeSpan? timeout = null)
    {
        if (limit < 0) throw new LakeException($"--limit {limit}: give 0 or more rows.");
        IReadOnlyList<string> columns = [];
        var rows = new List<object?[]>();
        var truncated = false;
        Read(sql, new QueryReading(c => columns = c, row =>
        {
            // One row past the limit says the result was cut, without reading the rest of it.
            if (rows.Count == limit)
            {
                truncated = true;
                return false;
            }
            rows.Add(row);
            return true;
        }, timeout));
        return new QueryResult(columns, rows, truncated);
    }

    /// <summary>
    /// Runs one read statement through the sandbox and hands its rows over one at a time, for callers that keep
    /// more than a row limit (a console's pages) or none (a CSV download). The caller's token stops the query as the
    /// time limit does, but ends in an <see cref="OperationCanceledException"/>.
    /// </summary>
    public void Read(string sql, QueryReading reading)
    {
        var timeLimit = reading.Timeout ?? DefaultTimeout;
        if (timeLimit <= TimeSpan.Zero) throw new LakeException($"--timeout {timeLimit.TotalSeconds:0.###}s: give a positive time.");
        var stop = reading.Stop;
        using var duck = DuckSession.Open(null, "512MB");
        // A big sort or join spills to disk: into the lake's staging (never the caller's folder), bounded, and in a
        // folder of this query's own that the next query removes if a kill -9 left it behind.
        var spill = QuerySpill.For(root);
        try
        {
            duck.Execute($"SET temp_directory = {Sql.Literal(spill)}");
            duck.Execute($"SET max_temp_directory_size = '{QuerySpill.MaxBytes}B'");
            foreach (var contract in root.Contracts())
            {
                var files = catalog.VisibleFiles(contract.Name);
                if (files.Count == 0)
                {
                    // No view made DuckDB say "Table with name tripdata does not exist!" of a contract's dataset whose
                    // runs quarantined every row: it exists and has no rows, typed as its runs would type them.
                    duck.Execute($"CREATE VIEW {Sql.Ident(contract.Name)} AS {EmptyDataset(contract)}");
                    continue;
                }
                duck.Execute($"CREATE VIEW {Sql.Ident(contract.Name)} AS SELECT * FROM read_parquet([{string.Join(", ", files.Select(Sql.Literal))}], hive_partitioning = true, union_by_name = true)");
            }
            duck.Execute($"SET allowed_directories = [{Sql.Literal(root.ZonePath(Zone.Processed) + Path.DirectorySeparatorChar)}]");
            duck.Execute("SET enable_external_access = false");
            duck.Execute("SET lock_configuration = true");
            duck.RequireSingleRead(sql);
            reading.Accepted?.Invoke();

            using var deadline = new CancellationTokenSource(timeLimit);
            using var interrupt = deadline.Token.Register(duck.Interrupt);
            using var stopped = stop.Register(duck.Interrupt);
            try
            {
                stop.ThrowIfCancellationRequested();
                using var reader = duck.QueryStreaming(sql, reading.Parameters);
                // An interrupt that came before DuckDB began the statement may have been cleared by its start.
                stop.ThrowIfCancellationRequested();
                reading.Columns(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList());
                while (reader.Read())
                {
                    stop.ThrowIfCancellationRequested();
                    var row = new object?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Owned(reader.GetValue(i));
                    if (!reading.Row(row)) break;
                }
            }
            catch (Exception e) when (stop.IsCancellationRequested && e is DuckDBException or OperationCanceledException)
            {
                throw new OperationCanceledException("the query was stopped.", e, stop);
            }
            // DuckDB.NET reports the interrupt as a DuckDBException or as a cancellation, depending on where it lands.
            catch (Exception e) when (deadline.IsCancellationRequested && e is DuckDBException or OperationCanceledException)
            {
                var setting = reading.TimeoutSetting.StartsWith("--", StringComparison.Ordinal) ? $"{reading.TimeoutSetting} {timeLimit.TotalSeconds:0.###}s" : $"{reading.TimeoutSetting} {timeLimit.TotalSeconds:0.###}";
                throw new LakeException($"query stopped by the time limit: it ran longer than {timeLimit.TotalSeconds:0.###} s ({setting}). Narrow it, or give a longer {reading.TimeoutSetting}.");
            }
            catch (DuckDBException e)
            {
                var known = string.Join(", ", root.Contracts().Where(c => catalog.VisibleFiles(c.Name).Count > 0).Select(c => c.Name));
                throw new LakeException($"query failed: {e.Message.Split('\n')[0]}\nQueryable datasets: {(known.Length > 0 ? known : "none yet (ingest something first)")}.");
            }
        }
        finally
        {
            QuerySpill.Remove(spill);
        }
    }

    // A BLOB arrives as a stream over DuckDB's result memory, which the next row reuses: copy it while it is valid.
    private static object Owned(object value)
    {
        if (value is not Stream stream) return value;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
