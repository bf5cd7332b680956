namespace SocarDataLake.Deploy;

/// <summary>Uploads an artifact set, skipping objects already there with the same content.</summary>
public sealed class ArtifactPublisher(S3ArtifactStore store, TextWriter log)
{
    public async Task<(int Uploaded, int Unchanged)> PublishAsync(ArtifactSet artifacts, CancellationToken cancellationToken)
    {
        int uploaded = 0, unchanged = 0;
        foreach (var artifact in artifacts.All)
        {
            var size = new FileInfo(artifact.LocalPath).Length;
            if (string.Equals(await store.RecordedSha256Async(artifact.Key, cancellationToken), artifact.Sha256Hex, StringComparison.OrdinalIgnoreCase))
            {
                unchanged++;
                await log.WriteLineAsync($"  unchanged  {artifact.Key}");
                continue;
            }
            await store.PutAsync(artifact, cancellationToken);
            uploaded++;
            await log.WriteLineAsync($"  uploaded   {artifact.Key}  ({size / 1024.0:F0} KiB)");
        }
        return (uploaded, unchanged);
    }
}
