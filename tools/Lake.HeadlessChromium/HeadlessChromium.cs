using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace SocarDataLake.HeadlessChromium;

/// <summary>Debian's Chromium, headless, under Debian's chromedriver, with its downloads in a folder of its own and its console log kept.</summary>
public static class Chromium
{
    // Debian's packages; the build installs them when missing (build/browser.cake), so a missing one is a failure.
    public const string Binary = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public static ChromeDriver Start(string downloads)
    {
        foreach (var (file, package) in new[] { (Binary, "chromium"), (Driver, "chromium-driver") })
            if (!File.Exists(file))
                throw new InvalidOperationException($"{file} is missing: install Debian's {package} (apt-get install -y chromium chromium-driver), as ./build.sh --target=Test does.");
        var options = new ChromeOptions { BinaryLocation = Binary };
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        options.AddUserProfilePreference("download.default_directory", downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromMinutes(2));
    }
}
