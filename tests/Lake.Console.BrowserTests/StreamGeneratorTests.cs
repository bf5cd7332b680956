using System.Globalization;
using OpenQA.Selenium;

namespace SocarDataLake.LakeConsole.BrowserTests;

/// <summary>The stream generator page as a person uses it: start `stream rides` at a rate, watch it count, stop it, query the rows.</summary>
public sealed class StreamGeneratorTests(DemoConsole console) : IDisposable
{
    private readonly ConsoleBrowser _browser = new(console);

    [Fact]
    public void Started_and_stopped_from_the_page_every_event_delivered_is_a_row_of_rides()
    {
        _browser.SignIn();
        var before = Rides();
        _browser.Open("/stream");
        var rate = _browser.Driver.FindElement(By.Id("rate"));
        rate.Clear();
        rate.SendKeys("200");

        _browser.Driver.FindElement(By.Id("start")).Click();
        _browser.Until(_ => Cell("state") == "running" && Number("sent") > 0, "the stream to send events");
        Assert.False(_browser.Driver.FindElement(By.Id("start")).Enabled);
        _browser.Driver.FindElement(By.Id("stop")).Click();
        _browser.Until(_ => Cell("state") == "stopped", "the stream to stop");

        var delivered = Number("delivered");
        Assert.Equal(Number("sent"), delivered);
        Assert.Equal(0, Number("buffered"));
        Assert.Equal($"The stream stopped: {delivered.ToString("N0", CultureInfo.InvariantCulture)} events delivered to rides.", _browser.Status);
        Assert.True(_browser.Driver.FindElement(By.Id("start")).Enabled);
        Assert.Empty(_browser.ConsoleErrors());
        Assert.Equal(before + delivered, Rides());
    }

    private long Rides()
    {
        _browser.Open("/sql");
        _browser.TypeSql("SELECT count(*) AS n FROM rides");
        _browser.Driver.FindElement(By.Id("run")).Click();
        _browser.Until(d => d.FindElement(By.Id("run")).Enabled && d.FindElements(By.CssSelector("#result tbody td")).Count == 1, "the count of rides");
        return long.Parse(_browser.Driver.FindElement(By.CssSelector("#result tbody td")).Text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private string Cell(string column)
    {
        var table = _browser.Driver.FindElement(By.CssSelector("#stream-state table"));
        var index = table.FindElements(By.CssSelector("thead th")).Select(th => th.Text).ToList().IndexOf(column);
        return table.FindElements(By.CssSelector("tbody td"))[index].Text;
    }

    private long Number(string column) => long.Parse(Cell(column), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    public void Dispose() => _browser.Dispose();
}
