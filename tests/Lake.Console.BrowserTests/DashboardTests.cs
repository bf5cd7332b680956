using OpenQA.Selenium;

namespace SocarDataLake.LakeConsole.BrowserTests;

/// <summary>The demo dashboard (dashboards/demo.json): its charts drawn, and its parameters, as inputs, changing what its queries return.</summary>
public sealed class DashboardTests(DemoConsole console) : IDisposable
{
    private readonly ConsoleBrowser _browser = new(console);

    // What the page says once every query of dashboards/demo.json ran, counted by the console's own parser so that a
    // query added to the file is waited for too.
    private static readonly string AllRan =
        $"{DashboardFile.Read(Path.Combine(RepositoryRoot.Path, "dashboards", "demo.json"), "dashboards/demo.json").Queries.Count} queries ran";

    [Fact]
    public void A_date_range_typed_into_the_parameters_reruns_the_queries_over_that_range()
    {
        _browser.SignIn();
        _browser.Open("/dashboards");
        _browser.Until(_ => _browser.Status == AllRan, "the dashboard's queries");
        var perDay = By.CssSelector("#query-trips-per-day");
        var chart = _browser.Driver.FindElement(perDay).FindElement(By.CssSelector(".chart"));
        _browser.Until(_ => ChartCanvas.PaintedPixels(_browser.Driver, chart) > ChartCanvas.DrawnPixels, "the trips-per-day line to be painted");
        Assert.True(Days(perDay).Count > 3);

        SetDate("from_day", "2019-01-10");
        SetDate("to_day", "2019-01-12");
        _browser.Driver.FindElement(By.Id("run-dashboard")).Click();
        _browser.Until(_ => _browser.Status == AllRan, "the dashboard's queries with the new range");

        Assert.Equal(["2019-01-10", "2019-01-11", "2019-01-12"], Days(perDay));
        Assert.Empty(_browser.ConsoleErrors());
    }

    // Chromium's date input takes typed digits in its locale's order; its value is what the page reads, so it is set
    // as the picker would set it, and the page is told as the picker would tell it.
    private void SetDate(string name, string isoDate) =>
        _browser.Script("const input = document.querySelector(`input[name='${arguments[0]}']`); input.value = arguments[1]; input.dispatchEvent(new Event('input', { bubbles: true }));", name, isoDate);

    // The day column of the query's "view as table".
    private List<string> Days(By section)
    {
        _browser.Driver.FindElement(section).FindElement(By.CssSelector("button[data-chart='table']")).Click();
        var table = _browser.Until(d => d.FindElement(section).FindElement(By.CssSelector(".chart-table table")), "the trips-per-day table");
        return table.FindElements(By.CssSelector("tbody tr")).Select(tr => tr.FindElements(By.TagName("td"))[0].Text).ToList();
    }

    public void Dispose() => _browser.Dispose();
}
