using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SocarDataLake.Producers.Tests;

/// <summary>
/// Ctrl-C stops a stream as it stops every verb: exit 130, after the buffer is delivered and the count of what was
/// delivered is said, and that count is what the lake holds. SIGTERM stops it the same way, named as SIGTERM, exit
/// 143 (128 + 15, as shells report it).
/// </summary>
public sealed partial class StreamCtrlCTests
{
    [Theory]
    [InlineData("stream", "INT")]
    [InlineData("stream-csv", "INT")]
    [InlineData("stream", "TERM")]
    public async Task A_signal_before_the_end_exits_128_plus_it_and_says_truthfully_how_many_records_were_delivered(string verb, string signal)
    {
        var (exitCode, named) = signal == "INT" ? (130, "Ctrl-C") : (143, "SIGTERM");
        using var lake = new ScratchLake();
        var csv = new StringBuilder("vehiclenumber,vehicle_returned,kms_driven,rating,customer,vehicle_type\n");
        for (var i = 0; i < 10_000; i++) csv.Append(CultureInfo.InvariantCulture, $"KA{i:D5},1700000000,1.5,Good,cust{i},SUV\n");
        var file = lake.WriteFile("rides.csv", csv.ToString());
        string[] args = verb == "stream"
            ? ["stream", "rides", "--rate", "20", "--count", "10000", "--buffer-interval", "0"]
            : ["stream-csv", file, "--dataset", "rides", "--rate", "20", "--buffer-interval", "0"];

        CliRun run;
        using (var stream = LakeProcess.Start(lake.Folder, new Dictionary<string, string> { ["LAKE_ROOT"] = lake.Root.Path }, args))
        {
            // The first object's run: records are being delivered, and thousands are still to come.
            await stream.WaitForLineAsync(line => line.Contains("[lake] ok rides", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            if (signal == "INT") stream.Interrupt();
            else stream.Terminate();
            run = await stream.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        var said = Delivered().Match(run.Output);
        Assert.Contains($"stopped by {named}; ", run.Output, StringComparison.Ordinal);
        Assert.True(said.Success, run.Output);
        var delivered = long.Parse(said.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(delivered, 1, 9_999);
        Assert.Equal(delivered, lake.Query("SELECT count(*) FROM rides").Rows[0][0]);
    }

    [GeneratedRegex(@"stopped by (?:Ctrl-C|SIGTERM); ([\d,]+) delivered")]
    private static partial Regex Delivered();
}
