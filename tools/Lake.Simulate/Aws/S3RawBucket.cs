using System.Globalization;
using System.Text.Json;
using SocarDataLake.Core.Events;
using SocarDataLake.Simulate.Engine;
using SocarDataLake.Simulate.Work;

namespace SocarDataLake.Simulate.Aws;

/// <summary>
/// The raw bucket and its ObjectCreated notifications. Amazon S3 Event Notifications: "designed to be
/// delivered at least once. Typically ... in seconds but can sometimes take a minute or longer"; no order
/// across keys. Saving the notification configuration sends an s3:TestEvent without Records (Event message
/// structure). Duplicates are the `s3-event-duplicate` fault.
/// </summary>
public sealed class S3RawBucket(Scheduler scheduler, RandomStreams random, Faults faults, WorkLedger ledger, DateTimeOffset epoch)
{
    private readonly List<Action<string>> destinations = [];
    private readonly Random delays = random.For("s3-notification-delay");

    /// <summary>Share of notifications that take "a minute or longer" (assume 2%: the page gives no rate).</summary>
    public const double SlowShare = 0.02;

    public string BucketName { get; init; } = "simulated-raw";

    /// <summary>Adds a notification destination; S3 sends it the test event at once, as on a real configuration save.</summary>
    public void Notify(Action<string> destination)
    {
        destinations.Add(destination);
        destination("""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-01T00:00:00.000Z","Bucket":"simulated-raw","RequestId":"T","HostId":"T"}""");
    }

    public RawObject Put(string dataset, string key, bool valid)
    {
        var obj = ledger.Land(dataset, key, scheduler.Now, valid);
        Send(obj);
        if (faults.Strikes("s3-event-duplicate")) Send(obj);
        return obj;
    }

    private void Send(RawObject obj)
    {
        var delay = delays.NextDouble() < SlowShare ? delays.Between(60, 180) : delays.Between(0.2, 3);
        var body = EventBody(obj);
        foreach (var destination in destinations) scheduler.After(delay, () => destination(body));
    }

    private string EventBody(RawObject obj)
    {
        // S3 URL-encodes keys in notifications ('=' arrives as %3D); the handler decodes them.
        var encoded = string.Join('/', obj.Key.Split('/').Select(Uri.EscapeDataString));
        var notification = new S3EventNotification
        {
            Records =
            [
                new S3EventRecord
                {
                    EventVersion = "2.1",
                    EventSource = "aws:s3",
                    AwsRegion = "ap-south-1",
                    EventTime = epoch.AddSeconds(obj.LandedAt),
                    EventName = "ObjectCreated:Put",
                    S3 = new S3Entity
                    {
                        Bucket = new S3Bucket { Name = BucketName, Arn = "arn:aws:s3:::" + BucketName },
                        S3Object = new S3Object { Key = encoded, Size = 1024, Sequencer = obj.Id.ToString("X16", CultureInfo.InvariantCulture) },
                    },
                },
            ],
        };
        return JsonSerializer.Serialize(notification, EventJsonContext.Default.S3EventNotification);
    }
}
