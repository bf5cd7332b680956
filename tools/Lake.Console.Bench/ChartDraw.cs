using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using SocarDataLake.HeadlessChromium;

namespace SocarDataLake.LakeConsole.Bench;

/// <summary>One chart of many points drawn by the console's own chart view, in the signed-in SQL page, timed in the page.</summary>
internal sealed record ChartTiming(int Points, double RunMs, double FetchMs, double DrawMs, double TotalMs, long PaintedPixels, string Reason);

/// <summary>
/// Debian's headless Chromium signed in to the served console. The SQL page and dashboards chart at most the 1,000 rows
/// one page of GET /api/queries/{id} gives, so to chart 100,000 points the page's own modules are driven from a script:
/// the query is started and awaited as the page does, every row is fetched in 1,000-row pages, and chart-view.js
/// (ECharts, as the pages draw it) charts them. "Drawn" is the mark chart-view.js sets on ECharts' 'finished' event,
/// and the canvas's painted pixels are then counted so a mark on an empty canvas cannot pass.
/// </summary>
internal sealed class ChartDraw : IDisposable
{
    private const string DrawInPage = """
        const [sql, points, done] = arguments;
        (async () => {
          const { api, changing } = await import('/app/common.js');
          const { chartView } = await import('/app/chart-view.js');
          const started = performance.now();
          const { id } = await changing('/api/queries', 'POST', { sql, limit: points, timeout_seconds: 300 });
          let state = await api(`/api/queries/${id}?count=0&wait_seconds=60`);
          while (state.state === 'running') state = await api(`/api/queries/${id}?count=0&wait_seconds=60`);
          if (state.state !== 'succeeded') throw new Error(`the query ended ${state.state}: ${state.error}`);
          const ran = performance.now();
          const rows = [];
          for (let offset = 0; offset < state.row_count; offset += 1000)
            for (const row of (await api(`/api/queries/${id}?offset=${offset}&count=1000`)).rows) rows.push(row);
          const fetched = performance.now();
          const view = chartView(state.columns, rows, { name: 'bench' });
          const canvas = view.querySelector('.chart');
          const drawn = new Promise(resolve => new MutationObserver((_, observer) => {
            if (canvas.hasAttribute('data-drawn')) { observer.disconnect(); resolve(); }
          }).observe(canvas, { attributes: true, attributeFilter: ['data-drawn'] }));
          const box = document.createElement('div');
          box.id = 'bench-chart';
          box.append(view);
          document.getElementById('main').replaceChildren(box);
          await drawn;
          const end = performance.now();
          done({ points: rows.length, run: ran - started, fetch: fetched - ran, draw: end - fetched, total: end - started,
                 reason: view.querySelector('.chart-reason').textContent });
        })().catch(error => done({ error: String(error) }));
        """;

    private static readonly TimeSpan DrawLimit = TimeSpan.FromSeconds(100);

    private readonly ChromeDriver _driver;
    private readonly string _origin;

    public ChartDraw(ServedDemo demo, string downloads)
    {
        _origin = demo.Origin;
        _driver = Chromium.Start(downloads);
        // A limit on the whole draw, not a measurement: a chart that is never marked drawn fails the bench here. It stays
        // under the driver's two-minute command limit, so the failure names the draw rather than a lost HTTP call.
        _driver.Manage().Timeouts().AsynchronousJavaScript = DrawLimit;
        _driver.Navigate().GoToUrl(demo.SignInAddress);
        Wait(d => d.Url == _origin + "/");
    }

    /// <summary>Opens the SQL page afresh (nothing cached in its modules but what a reload keeps) and draws the query's rows.</summary>
    public ChartTiming Draw(string sql, int points)
    {
        _driver.Navigate().GoToUrl(_origin + "/sql");
        Wait(d => d.FindElement(By.Id("status")).Text is var s && s.Length > 0 && s != "Loading…");
        IDictionary<string, object> result;
        try
        {
            result = _driver.ExecuteAsyncScript(DrawInPage, sql, points) as IDictionary<string, object>
                ?? throw new InvalidOperationException("the drawing script gave no result");
        }
        catch (WebDriverTimeoutException e)
        {
            throw new InvalidOperationException($"{points:N0} points were not drawn within {DrawLimit.TotalSeconds:F0} s: the chart's element never got chart-view.js's data-drawn mark (ECharts' 'finished')", e);
        }
        if (result.TryGetValue("error", out var error))
            throw new InvalidOperationException($"drawing {points:N0} points failed in the page: {error}");
        var painted = ChartCanvas.PaintedPixels(_driver, _driver.FindElement(By.CssSelector("#bench-chart .chart")));
        if (painted <= ChartCanvas.DrawnPixels)
            throw new InvalidOperationException($"the chart was marked drawn but its canvas has {painted} painted pixels (a drawn chart has over {ChartCanvas.DrawnPixels})");
        var timing = new ChartTiming(Convert.ToInt32(result["points"], CultureInfo.InvariantCulture), Ms(result["run"]), Ms(result["fetch"]), Ms(result["draw"]), Ms(result["total"]), painted, (string)result["reason"]);
        if (timing.Points != points) throw new InvalidOperationException($"the query gave {timing.Points:N0} rows, not {points:N0}: '{sql}'");
        return timing;
    }

    private static double Ms(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private void Wait(Func<IWebDriver, bool> condition)
    {
        var wait = new WebDriverWait(_driver, TimeSpan.FromSeconds(60));
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        wait.Until(condition);
    }

    public void Dispose() => _driver.Quit();
}
