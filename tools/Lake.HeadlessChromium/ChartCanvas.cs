using System.Globalization;
using OpenQA.Selenium;

namespace SocarDataLake.HeadlessChromium;

/// <summary>Whether a chart was really drawn: the painted pixels of the canvas ECharts draws into, read in the page.</summary>
public static class ChartCanvas
{
    // A bar or line chart with its axes paints thousands of pixels; an empty canvas paints none.
    public const int DrawnPixels = 2000;

    private const string CountPaintedPixels = """
        const canvas = arguments[0].querySelector('canvas');
        if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
        return painted;
        """;

    public static long PaintedPixels(IWebDriver driver, IWebElement chart) =>
        Convert.ToInt64(((IJavaScriptExecutor)driver).ExecuteScript(CountPaintedPixels, chart), CultureInfo.InvariantCulture);
}
