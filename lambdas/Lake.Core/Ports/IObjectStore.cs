using SocarDataLake.Core.Zones;

namespace SocarDataLake.Core.Ports;

/// <summary>The lake's object storage as the local pipeline uses it: S3 buckets on AWS, zone folders locally.</summary>
public interface IObjectStore : IObjectReader
{
    /// <summary>Writes the whole object; readers never see a partly written object.</summary>
    Task PutAsync(ObjectRef obj, Stream content, CancellationToken cancellationToken);
}
