using System.Data.Common;
using DuckDB.NET.Data;

namespace SocarDataLake.Local;

/// <summary>
/// An in-memory DuckDB connection for one command. Nothing holds a database file open between commands,
/// so any number of readers can run while a writer ingests.
/// </summary>
public sealed class DuckSession : IDisposable
{
    private readonly DuckDBConnection _connection;

    private DuckSession(DuckDBConnection connection) => _connection = connection;

    public static DuckSession Open(LakeRoot? root = null, string memoryLimit = "1GB", int? threads = null)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var session = new DuckSession(connection);
        session.Execute($"SET memory_limit = '{memoryLimit}'");
        session.Execute($"SET threads = {threads ?? Math.Max(1, Environment.ProcessorCount)}");
        // Typing reads offsets and bare times in UTC, as the Glue job's Spark session does, wherever the machine is.
        session.Execute("SET TimeZone = 'UTC'");
        if (root is not null)
        {
            var spill = Path.Combine(root.Staging, "duckdb-spill");
            Directory.CreateDirectory(spill);
            session.Execute($"SET temp_directory = {Sql.Literal(spill)}");
        }
        return session;
    }

    public int Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public T Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public DbDataReader Query(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader(System.Data.CommandBehavior.CloseConnection & ~System.Data.CommandBehavior.CloseConnection);
    }

    /// <summary>A reader that fetches rows as they are read, so a row limit stops the query early.</summary>
    public DbDataReader QueryStreaming(string sql, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        command.UseStreamingMode = true;
        return command.ExecuteReader();
    }

    /// <summary>Refuses anything but one read statement, as DuckDB's parser sees it (see <see cref="ReadStatement"/>).</summary>
    public void RequireSingleRead(string sql) => ReadStatement.Require(_connection, sql);

    /// <summary>Stops the running statement from another thread (a time limit); it then fails with an interrupt error.</summary>
    public void Interrupt() => DuckDB.NET.Native.NativeMethods.Startup.DuckDBInterrupt(_connection.NativeConnection);

    /// <summary>Rows into an existing table straight from .NET values: no SQL text per row.</summary>
    public DuckDBAppender Appender(string table) => _connection.CreateAppender(table);

    public List<object?[]> Rows(string sql)
    {
        using var reader = Query(sql);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            for (var i = 0; i < row.Length; i++) if (row[i] is DBNull) row[i] = null;
            rows.Add(row);
        }
        return rows;
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>SQL quoting for DuckDB.</summary>
public static class Sql
{
    public static string Literal(string value) => SocarDataLake.Core.Typing.DuckDbTypingPlanRenderer.QuoteLiteral(value);

    public static string Ident(string name) => SocarDataLake.Core.Typing.DuckDbTypingPlanRenderer.QuoteIdent(name);
}
