using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SocarDataLake.LakeConsole.Ports;

namespace SocarDataLake.LakeConsole;

/// <summary>
/// Dashboards as code: GET lists dashboards/*.json as read now (and each file that does not read, with why); POST runs
/// one named query with the dashboard's parameters bound as values, through the same sandbox and start-then-poll
/// queries as the SQL page (GET /api/queries/{id} then reads it).
/// </summary>
internal sealed class DashboardsApi(DashboardFolder folder, IQueryEngine engine)
{
    public void Map(WebApplication app)
    {
        app.MapGet("/api/dashboards", List);
        app.MapPost("/api/dashboards/{dashboard}/queries/{query}", Run);
    }

    private Task List(HttpContext context)
    {
        var (dashboards, problems) = folder.Load();
        return ApiResponses.Json(context, new DashboardsBody(dashboards, problems), ConsoleJson.Default.DashboardsBody);
    }

    private async Task Run(HttpContext context)
    {
        var (dashboard, query) = folder.Find(Route(context, "dashboard"), Route(context, "query"));
        var request = await QueriesApi.Body(context, ConsoleJson.Default.DashboardRunRequest, $"POST /api/dashboards/{dashboard.Name}/queries/{query.Name}",
            "{\"parameters\": {\"name\": value, ...}, \"limit\": whole number, \"timeout_seconds\": number}");
        var values = DashboardParameters.Bind(dashboard, query, request.Parameters);
        var (limit, timeout) = QueriesApi.Limits(request.Limit, request.TimeoutSeconds, engine.DefaultTimeout);
        await QueriesApi.Started(context, await engine.StartAsync(new QueryStart(query.Sql, limit, timeout, values), context.RequestAborted));
    }

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";
}
