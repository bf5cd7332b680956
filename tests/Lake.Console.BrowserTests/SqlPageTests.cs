using OpenQA.Selenium;

namespace SocarDataLake.LakeConsole.BrowserTests;

/// <summary>The SQL page as a person uses it: type a query, run it, read rows, see the chart, view it as a table, download the CSV.</summary>
public sealed class SqlPageTests(DemoConsole console) : IDisposable
{
    public const string TripsByPayment =
        "SELECT CASE payment_type WHEN 1 THEN 'credit card' WHEN 2 THEN 'cash' ELSE 'other' END AS payment, count(*) AS trips " +
        "FROM tripdata GROUP BY 1 ORDER BY 1";

    private readonly ConsoleBrowser _browser = new(console);

    [Fact]
    public void A_query_shows_its_rows_draws_a_bar_chart_and_switches_to_view_as_table()
    {
        _browser.SignIn();
        _browser.Open("/sql");

        Run(TripsByPayment, keep: 10000);

        Assert.Equal(["cash", "credit card", "other"], Column(_browser.Driver.FindElement(By.Id("result")), 0));
        var chart = _browser.Driver.FindElement(By.CssSelector("#chart .chart"));
        _browser.Until(_ => ChartCanvas.PaintedPixels(_browser.Driver, chart) > ChartCanvas.DrawnPixels, "the bar chart to be painted");
        Assert.Contains("payment is a category and trips is a measure", _browser.Driver.FindElement(By.CssSelector("#chart .chart-reason")).Text, StringComparison.Ordinal);

        _browser.Driver.FindElement(By.CssSelector("#chart button[data-chart='table']")).Click();

        var asTable = _browser.Until(d => d.FindElement(By.CssSelector("#chart .chart-table table")), "view as table");
        Assert.False(chart.Displayed);
        Assert.Equal(["cash", "credit card", "other"], Column(asTable, 0));
        Assert.Equal(Column(_browser.Driver.FindElement(By.Id("result")), 1), Column(asTable, 1));
        Assert.Empty(_browser.ConsoleErrors());
    }

    [Fact]
    public void Download_CSV_saves_the_whole_result_even_beyond_the_rows_kept_on_the_page()
    {
        _browser.SignIn();
        _browser.Open("/sql");
        Run(TripsByPayment, keep: 10000);
        var trips = Column(_browser.Driver.FindElement(By.Id("result")), 1).Sum(n => long.Parse(n.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));

        Run("SELECT pickup_at, total_amount FROM tripdata ORDER BY pickup_at, total_amount", keep: 50);
        Assert.Contains("the CSV holds all of it", _browser.Status, StringComparison.Ordinal);
        _browser.Driver.FindElement(By.LinkText("Download CSV (whole result)")).Click();

        var csv = _browser.Until(_ => Directory.GetFiles(_browser.Downloads, "query-*.csv").SingleOrDefault(), "the CSV in the download folder");
        var lines = File.ReadAllLines(csv!);
        Assert.Equal("pickup_at,total_amount", lines[0]);
        Assert.Equal(trips, lines.Length - 1);
        Assert.Empty(_browser.ConsoleErrors());
    }

    private void Run(string sql, int keep)
    {
        _browser.TypeSql(sql);
        var limit = _browser.Driver.FindElement(By.Id("limit"));
        limit.Clear();
        limit.SendKeys(keep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _browser.Driver.FindElement(By.Id("run")).Click();
        // The Run button is disabled while the query runs and the page draws it.
        _browser.Until(d => d.FindElement(By.Id("run")).Enabled && d.FindElements(By.CssSelector("#result table")).Count == 1, $"the result of {sql}");
        Assert.StartsWith("rows 1–", _browser.Status, StringComparison.Ordinal);
    }

    private static List<string> Column(ISearchContext table, int index) =>
        table.FindElements(By.CssSelector("tbody tr")).Select(tr => tr.FindElements(By.TagName("td"))[index].Text).ToList();

    public void Dispose() => _browser.Dispose();
}
