namespace SocarDataLake.Core.Ports;

/// <summary>The lake's object storage: S3 buckets on AWS, zone folders locally.</summary>
public interface IObjectStore : IObjectReader
{
    Task<ObjectInfo?> HeadAsync(ObjectRef obj, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(ObjectRef obj, CancellationToken cancellationToken);

    /// <summary>Writes the whole object; readers never see a partly written object.</summary>
    Task PutAsync(ObjectRef obj, Stream content, CancellationToken cancellationToken);

    IAsyncEnumerable<ObjectInfo> ListAsync(Zone zone, string prefix, CancellationToken cancellationToken);

    Task DeleteAsync(ObjectRef obj, CancellationToken cancellationToken);
}
