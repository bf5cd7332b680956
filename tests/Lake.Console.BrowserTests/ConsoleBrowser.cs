using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace SocarDataLake.LakeConsole.BrowserTests;

/// <summary>
/// Debian's headless Chromium, driven by Debian's chromedriver, signed in to the demo console: what a person's browser
/// does, with its downloads in a folder of its own and its console log kept for the checks. Waits are on conditions
/// the page shows, never on time.
/// </summary>
public sealed class ConsoleBrowser : IDisposable
{
    private readonly DemoConsole _console;
    private readonly ChromeDriver _driver;

    public ConsoleBrowser(DemoConsole console)
    {
        _console = console;
        Downloads = Directory.CreateDirectory(Path.Combine(console.Folder, "downloads-" + Guid.NewGuid().ToString("N"))).FullName;
        _driver = Chromium.Start(Downloads);
    }

    public IWebDriver Driver => _driver;

    /// <summary>The folder Chromium saves downloads into.</summary>
    public string Downloads { get; }

    /// <summary>Opens the printed address, as a person clicking it would; the token is exchanged for the cookie.</summary>
    public void SignIn()
    {
        _driver.Navigate().GoToUrl(_console.SignInAddress);
        Until(d => d.Url == _console.Origin + "/");
        WaitForPage();
    }

    /// <summary>Opens a page of the console and waits until it has drawn itself (its status line left "Loading…").</summary>
    public void Open(string path)
    {
        _driver.Navigate().GoToUrl(_console.Origin + path);
        WaitForPage();
    }

    public void WaitForPage() => Until(d => d.FindElement(By.Id("status")).Text is var s && s.Length > 0 && s != "Loading…");

    public string Status => _driver.FindElement(By.Id("status")).Text;

    public IWebElement Main => _driver.FindElement(By.Id("main"));

    /// <summary>Waits until the condition holds (a non-null, non-false value), failing with what it waited for.</summary>
    public T Until<T>(Func<IWebDriver, T> condition, string? waitingFor = null)
    {
        var wait = new WebDriverWait(_driver, TimeSpan.FromSeconds(60));
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(condition);
        }
        catch (WebDriverTimeoutException e)
        {
            // What the page said is what a person would have seen instead.
            var status = _driver.FindElements(By.Id("status")).FirstOrDefault()?.Text ?? "(no status line)";
            var errors = string.Join("\n", _driver.FindElements(By.CssSelector(".error")).Select(x => x.Text).Concat(ConsoleErrors()));
            throw new WebDriverTimeoutException($"Waiting for {waitingFor ?? "the page"} at {_driver.Url}: {e.Message}\nstatus: {status}\n{errors}", e);
        }
    }

    public object? Script(string script, params object[] args) => _driver.ExecuteScript(script, args);

    /// <summary>The SQL page's editor: CodeMirror's editable area, inside the shadow root of the #sql element.</summary>
    public IWebElement SqlEditor => _driver.FindElement(By.Id("sql")).GetShadowRoot().FindElement(By.CssSelector(".cm-content"));

    /// <summary>The SQL in the editor, as its lines show it (the placeholder of an empty editor is no SQL).</summary>
    public string SqlText => (string)Script("""
        return [...document.getElementById('sql').shadowRoot.querySelectorAll('.cm-content .cm-line')]
          .map(line => [...line.childNodes].filter(n => !n.classList?.contains('cm-placeholder')).map(n => n.textContent).join(''))
          .join('\n');
        """)!;

    /// <summary>Replaces the editor's SQL by typing it, key by key, as a person would (completion pops up as it does for them).</summary>
    public void TypeSql(string sql)
    {
        var editor = SqlEditor;
        editor.Click();
        new Actions(_driver).KeyDown(Keys.Control).SendKeys("a").KeyUp(Keys.Control).SendKeys(Keys.Delete).Perform();
        editor.SendKeys(sql);
        try
        {
            Until(_ => SqlText == sql, $"the editor to hold {sql}");
        }
        catch (WebDriverTimeoutException e)
        {
            throw new WebDriverTimeoutException($"{e.Message}\nthe editor holds: {SqlText}", e);
        }
        // Whatever completion is still offered is left unchosen, as a person clicking Run leaves it.
        editor.SendKeys(Keys.Escape);
    }

    /// <summary>
    /// What the browser's console reported as an error since the last call: script errors, failed loads, and Content
    /// Security Policy refusals (which Chromium logs as errors too, but are matched by name so none can hide as a warning).
    /// </summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        _driver.Manage().Logs.GetLog(LogType.Browser)
            .Where(e => e.Level >= LogLevel.Severe || e.Message.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{e.Level}: {e.Message}")
            .ToList();

    public byte[] Screenshot() => _driver.GetScreenshot().AsByteArray;

    public void Dispose() => _driver.Quit();
}
