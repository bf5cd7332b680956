using System.Runtime.CompilerServices;
using SocarDataLake.Core.Ports;

namespace SocarDataLake.Local;

/// <summary>IObjectStore over the lake root's zone folders, with S3's key layout.</summary>
public sealed class LocalObjectStore(LakeRoot root) : IObjectStore
{
    public Task<ObjectInfo?> HeadAsync(ObjectRef obj, CancellationToken cancellationToken)
    {
        var file = new FileInfo(root.FileOf(obj));
        return Task.FromResult(file.Exists ? new ObjectInfo(obj, file.Length, file.LastWriteTimeUtc, null) : null);
    }

    public Task<Stream?> TryOpenReadAsync(ObjectRef obj, CancellationToken cancellationToken)
    {
        var path = root.FileOf(obj);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public Task<Stream> OpenReadAsync(ObjectRef obj, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(File.OpenRead(root.FileOf(obj)));

    public async Task PutAsync(ObjectRef obj, Stream content, CancellationToken cancellationToken)
    {
        var path = root.FileOf(obj);
        await using var staged = await StagedFile.CopyAsync(root, content, cancellationToken);
        if (File.Exists(path)) File.Delete(path);
        staged.MoveTo(path);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(Zone zone, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var zoneDir = root.ZonePath(zone);
        if (!Directory.Exists(zoneDir)) yield break;
        foreach (var file in Directory.EnumerateFiles(zoneDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(zoneDir, file).Replace('\\', '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || Path.GetFileName(key).StartsWith('.') || key.EndsWith(".tmp", StringComparison.Ordinal)) continue;
            var info = new FileInfo(file);
            yield return new ObjectInfo(new ObjectRef(zone, key), info.Length, info.LastWriteTimeUtc, null);
            await Task.CompletedTask;
        }
    }

    public Task DeleteAsync(ObjectRef obj, CancellationToken cancellationToken)
    {
        File.Delete(root.FileOf(obj));
        return Task.CompletedTask;
    }
}
