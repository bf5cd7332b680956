using SocarDataLake.Core.Zones;

namespace SocarDataLake.Core.Ports;

/// <summary>Reads one object, or null when it does not exist: all a notifier needs of the object store.</summary>
public interface IObjectReader
{
    Task<Stream?> TryOpenReadAsync(ObjectRef obj, CancellationToken cancellationToken);
}
