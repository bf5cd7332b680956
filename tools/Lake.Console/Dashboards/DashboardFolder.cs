namespace SocarDataLake.LakeConsole;

/// <summary>
/// The dashboards/*.json files, read again on every request so that an edited file shows on the next reload. A file
/// that does not read is reported on its own; it never hides the others.
/// </summary>
internal sealed class DashboardFolder(string? folder)
{
    public (IReadOnlyList<Dashboard> Dashboards, IReadOnlyList<DashboardProblem> Problems) Load()
    {
        if (folder is null || !Directory.Exists(folder)) return ([], []);
        var dashboards = new List<Dashboard>();
        var problems = new List<DashboardProblem>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var shownAs = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}/{Path.GetFileName(path)}";
            try
            {
                dashboards.Add(DashboardFile.Read(path, shownAs));
            }
            catch (DashboardException e)
            {
                problems.Add(new DashboardProblem(shownAs, e.Message));
            }
            catch (IOException e)
            {
                problems.Add(new DashboardProblem(shownAs, $"{shownAs}: cannot be read: {e.Message}"));
            }
        }
        return (dashboards, problems);
    }

    public (Dashboard Dashboard, DashboardQuery Query) Find(string dashboard, string query)
    {
        var (dashboards, problems) = Load();
        var found = dashboards.FirstOrDefault(d => d.Name == dashboard);
        if (found is null)
        {
            var broken = problems.FirstOrDefault(p => Path.GetFileNameWithoutExtension(p.File) == dashboard);
            if (broken is not null) throw new ApiException(Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict, $"dashboard {dashboard} does not read, so none of its queries run: {broken.Error}");
            throw ApiException.NotFound($"no dashboard '{dashboard}': GET /api/dashboards lists them ({(dashboards.Count == 0 ? "there are none" : string.Join(", ", dashboards.Select(d => d.Name)))}).");
        }
        return (found, found.Queries.FirstOrDefault(q => q.Name == query)
            ?? throw ApiException.NotFound($"dashboard {dashboard} has no query '{query}': its queries are {string.Join(", ", found.Queries.Select(q => q.Name))}."));
    }
}
