using OpenQA.Selenium;

namespace SocarDataLake.LakeConsole.BrowserTests;

/// <summary>
/// A screenshot of every page once it has drawn, for review: `./build.sh --target=ConsoleScreenshots` runs this class
/// with LAKE_CONSOLE_SCREENSHOTS=artifacts/console; elsewhere they go to the test's own folder and are checked the same.
/// </summary>
public sealed class ScreenshotTests(DemoConsole console) : IDisposable
{
    public const string FolderVariable = "LAKE_CONSOLE_SCREENSHOTS";

    // Each page with what shows it has drawn, and the chart (if any) whose pixels must be painted first.
    private static readonly (string Path, string Name, string DrawnWhen, string? Chart)[] Pages =
    [
        ("/", "datasets", "main section table", null),
        ("/runs", "runs", "main tbody tr", null),
        ("/quarantine", "quarantine", "main tbody tr", null),
        ("/sql", "sql", "#chart canvas", "#chart"),
        ("/dashboards", "dashboards", "#query-trips-per-day canvas", "#query-trips-per-day"),
        ("/stream", "stream", "#start", null),
    ];

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ConsoleBrowser _browser = new(console);

    [Fact]
    public void Every_page_is_saved_as_a_png_once_drawn()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } given
            ? Path.GetFullPath(given, RepositoryRoot.Path)
            : Path.Combine(console.Folder, "screenshots");
        Directory.CreateDirectory(folder);
        _browser.SignIn();

        foreach (var (path, name, drawnWhen, chart) in Pages)
        {
            _browser.Open(path);
            // The SQL page with a result and its chart, as a person would look at it.
            if (name == "sql")
            {
                _browser.TypeSql(SqlPageTests.TripsByPayment);
                _browser.Driver.FindElement(By.Id("run")).Click();
            }
            _browser.Until(d => d.FindElements(By.CssSelector(drawnWhen)).Count > 0 && d.FindElement(By.Id("status")).Text is var s && !s.StartsWith("Running", StringComparison.Ordinal), $"{path} to draw");
            if (chart is not null)
                _browser.Until(d => ChartCanvas.PaintedPixels(_browser.Driver, d.FindElement(By.CssSelector(chart))) > ChartCanvas.DrawnPixels, $"{path}'s chart to be painted");
            File.WriteAllBytes(Path.Combine(folder, $"{name}.png"), _browser.Screenshot());
        }

        foreach (var (_, name, _, _) in Pages)
        {
            var png = File.ReadAllBytes(Path.Combine(folder, $"{name}.png"));
            Assert.Equal(PngSignature, png[..8]);
            Assert.True(png.Length > 10_000, $"{name}.png is {png.Length} bytes: too small to hold a drawn page");
        }
    }

    public void Dispose() => _browser.Dispose();
}
