using System.Text.Json;

namespace SocarDataLake.LakeConsole;

/// <summary>One dashboards/*.json file: named queries with chart specs, and the parameters its queries share.</summary>
public sealed record Dashboard(string Name, string File, string Title, string? Description, IReadOnlyList<DashboardParameter> Parameters, IReadOnlyList<DashboardQuery> Queries);

/// <summary>An input of the dashboard: its value reaches the SQL as the bound parameter <c>$name</c>, never as SQL text.</summary>
public sealed record DashboardParameter(string Name, string Label, string Type, JsonElement Default);

/// <summary>A named query; <see cref="SqlFile"/> says which file its SQL came from when it is not written inline.</summary>
public sealed record DashboardQuery(string Name, string Title, string Sql, string? SqlFile, ChartSpec Chart, IReadOnlyList<string> Uses);

/// <summary>How to draw the result: auto (chosen from its shape), line, bar or table; x and y name result columns.</summary>
public sealed record ChartSpec(string Type, string? X, IReadOnlyList<string>? Y);

/// <summary>A dashboard file that cannot be read as one: the message names the file and the field.</summary>
public sealed class DashboardException(string message) : Exception(message);

/// <summary>What the folder holds: the dashboards that read, and one message per file that does not.</summary>
public sealed record DashboardProblem(string File, string Error);
