using SocarDataLake.Core.Ports;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

/// <summary>IObjectStore over the lake root's zone folders, with S3's key layout.</summary>
public sealed class LocalObjectStore(LakeRoot root) : IObjectStore
{
    public Task<Stream?> TryOpenReadAsync(ObjectRef obj, CancellationToken cancellationToken)
    {
        var path = root.FileOf(obj);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public async Task PutAsync(ObjectRef obj, Stream content, CancellationToken cancellationToken)
    {
        var path = root.FileOf(obj);
        await using var staged = await StagedFile.CopyAsync(root, content, cancellationToken);
        if (File.Exists(path)) File.Delete(path);
        staged.MoveTo(path);
    }
}
