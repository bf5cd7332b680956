using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace SocarDataLake.LakeConsole.BrowserTests;

/// <summary>The SQL editor as a person types in it: names complete from the contracts, Ctrl-Enter runs, one query at a time.</summary>
public sealed class SqlEditorTests(DemoConsole console) : IDisposable
{
    private readonly ConsoleBrowser _browser = new(console);

    [Fact]
    public void A_dataset_and_its_column_complete_as_typed_and_ctrl_enter_runs_the_statement()
    {
        _browser.SignIn();
        _browser.Open("/sql");
        _browser.TypeSql("");
        var editor = _browser.SqlEditor;

        editor.SendKeys("SELECT count(*) AS paid FROM trip");
        Choose("tripdata");
        editor.SendKeys(" WHERE fare_am");
        Choose("fare_amount");
        editor.SendKeys(" > 0");
        Assert.Equal("SELECT count(*) AS paid FROM tripdata WHERE fare_amount > 0", _browser.SqlText);
        editor.SendKeys(Keys.Control + Keys.Enter);

        _browser.Until(d => d.FindElement(By.Id("run")).Enabled && d.FindElements(By.CssSelector("#result tbody td")).Count == 1, "the count");
        Assert.Equal("paid", _browser.Driver.FindElement(By.CssSelector("#result th")).Text);
        Assert.True(long.Parse(_browser.Driver.FindElement(By.CssSelector("#result tbody td")).Text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 0);
        // Ctrl-Enter ran the statement, it did not add a line to it.
        Assert.Equal("SELECT count(*) AS paid FROM tripdata WHERE fare_amount > 0", _browser.SqlText);
        Assert.Empty(_browser.ConsoleErrors());
    }

    [Fact]
    public void A_double_click_on_run_and_ctrl_enter_again_while_it_runs_start_one_query()
    {
        _browser.SignIn();
        _browser.Open("/sql");
        // Every POST the page makes is counted where it leaves the page.
        _browser.Script("""
            window.lakePosts = [];
            const send = window.fetch;
            window.fetch = (path, options = {}) => {
              if ((options.method ?? 'GET') === 'POST') window.lakePosts.push(String(path));
              return send(path, options);
            };
            """);
        // Runs until stopped, or its 20 s time limit: long enough that every click and key below lands while it runs.
        _browser.TypeSql("SELECT count(*) FROM range(1000000000000) a");
        var timeout = _browser.Driver.FindElement(By.Id("timeout"));
        timeout.Clear();
        timeout.SendKeys("20");

        new Actions(_browser.Driver).DoubleClick(_browser.Driver.FindElement(By.Id("run"))).Perform();
        _browser.SqlEditor.SendKeys(Keys.Control + Keys.Enter);
        _browser.SqlEditor.SendKeys(Keys.Control + Keys.Enter);
        _browser.Until(_ => _browser.Status == "Running…", "the query to run");
        _browser.Driver.FindElement(By.Id("stop")).Click();
        _browser.Until(d => d.FindElement(By.Id("run")).Enabled, "the query to stop");

        var posts = ((IEnumerable<object>)_browser.Script("return window.lakePosts")!).Select(p => (string)p).ToList();
        Assert.Equal(["/api/queries"], posts);
        Assert.StartsWith("cancelled", _browser.Status, StringComparison.Ordinal);
    }

    // CodeMirror ignores Enter on a completion list younger than its interactionDelay (75 ms), so that a fast typist's
    // Enter stays a new line; Selenium is faster than any typist. So the test lets the list be older than that before
    // pressing Enter, and should a loaded machine still land it early, takes the new line back and asks for completion
    // again (Ctrl-Space), as a person would, a few times at most.
    private void Choose(string label)
    {
        for (var attempt = 1; ; attempt++)
        {
            var option = _browser.Until(d => d.FindElement(By.Id("sql")).GetShadowRoot()
                .FindElements(By.CssSelector(".cm-tooltip-autocomplete li[aria-selected='true']")).FirstOrDefault(li => li.Text.StartsWith(label, StringComparison.Ordinal)),
                $"{label} offered first");
            Assert.NotNull(option);
            ((IJavaScriptExecutor)_browser.Driver).ExecuteAsyncScript("setTimeout(arguments[arguments.length - 1], 150)");
            var before = _browser.SqlText;
            _browser.SqlEditor.SendKeys(Keys.Enter);
            var after = _browser.Until(_ => _browser.SqlText is var text && text != before ? text : null, $"Enter to change the statement ({label})")!;
            if (after.EndsWith(label, StringComparison.Ordinal)) return;
            Assert.True(after == before + "\n" && attempt < 5, $"choosing {label}: the editor holds {after}");
            _browser.SqlEditor.SendKeys(Keys.Backspace);
            _browser.SqlEditor.SendKeys(Keys.Control + Keys.Space);
        }
    }

    public void Dispose() => _browser.Dispose();
}
