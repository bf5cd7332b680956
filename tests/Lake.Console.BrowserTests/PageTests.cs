using OpenQA.Selenium;

namespace SocarDataLake.LakeConsole.BrowserTests;

/// <summary>Signing in with the printed address, then every page of the console drawn in the browser, without one console error.</summary>
public sealed class PageTests(DemoConsole console) : IDisposable
{
    private readonly ConsoleBrowser _browser = new(console);

    [Fact]
    public void The_printed_address_signs_in_drops_the_token_from_the_address_bar_and_keeps_a_cookie_scripts_cannot_read()
    {
        _browser.SignIn();

        Assert.Equal(console.Origin + "/", _browser.Driver.Url);
        var cookie = Assert.Single(_browser.Driver.Manage().Cookies.AllCookies);
        Assert.True(cookie.IsHttpOnly);
        Assert.Equal("", _browser.Script("return document.cookie;"));
        Assert.Empty(_browser.ConsoleErrors());
    }

    [Fact]
    public void Without_signing_in_a_page_shows_nothing_of_the_lake()
    {
        _browser.Driver.Navigate().GoToUrl(console.Origin + "/runs");

        Assert.Empty(_browser.Driver.FindElements(By.Id("main")));
        Assert.DoesNotContain("tripdata", _browser.Driver.PageSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_page_draws_its_main_content_with_no_console_error_or_CSP_refusal()
    {
        _browser.SignIn();
        var drawn = new Dictionary<string, Func<bool>>
        {
            ["/"] = () => Headings("h2").Contains("tripdata") && Headings("h3").Contains("Contract columns") && BodyRows() > 1,
            ["/runs"] = () => BodyRows() >= 2 && _browser.Main.FindElements(By.CssSelector("tbody td")).Any(td => td.Text == "tripdata"),
            ["/quarantine"] = () => BodyRows() >= 1 && _browser.Main.FindElements(By.LinkText("Download the bad rows (JSON lines)")).Count == 1,
            ["/sql"] = () => _browser.SqlText.Contains("FROM tripdata", StringComparison.Ordinal)
                && _browser.Driver.FindElement(By.Id("run")).Enabled,
            ["/dashboards"] = () => Headings("h2").Contains("NYC taxi: the demo's questions")
                && _browser.Main.FindElements(By.CssSelector("section.dashboard-query canvas")).Count >= 4,
            ["/stream"] = () => _browser.Driver.FindElement(By.Id("start")).Enabled && _browser.Main.FindElements(By.LinkText("Runs of rides")).Count == 1,
        };
        var errors = new List<string>();
        foreach (var (path, isDrawn) in drawn)
        {
            _browser.Open(path);
            _browser.Until(_ => isDrawn(), $"{path} to draw its main content");
            Assert.DoesNotContain("error", _browser.Driver.FindElement(By.Id("status")).GetAttribute("class") ?? "", StringComparison.Ordinal);
            errors.AddRange(_browser.ConsoleErrors().Select(e => $"{path}: {e}"));
        }

        Assert.Empty(errors);
    }

    private List<string> Headings(string tag) => _browser.Main.FindElements(By.TagName(tag)).Select(h => h.Text).ToList();

    private int BodyRows() => _browser.Main.FindElements(By.CssSelector("tbody tr")).Count;

    public void Dispose() => _browser.Dispose();
}
