using System.Security.Cryptography;
using SocarDataLake.Core.Zones;

namespace SocarDataLake.Local;

public enum LandingOutcome
{
    /// <summary>The content is new: it is now a raw object.</summary>
    Landed,
    /// <summary>The content landed before (a crash, --no-wait, a failed run) and no run has committed it yet.</summary>
    Pending,
    /// <summary>The content landed before and a committed run processed or quarantined it.</summary>
    Committed,
}

public sealed record Landing(string Key, LandingOutcome Outcome);

/// <summary>
/// Puts a file into the raw zone once per content, whatever runs beside it or dies during it. The copy is staged
/// outside the zone (<see cref="StagedFile"/>); the decision (new content or not, which key) and the rename
/// happen under the dataset's catalog lock, so two processes landing the same content land it once and
/// parallel landings never lose each other's entry in <c>_catalog/ingested/&lt;dataset&gt;.json</c>.
/// </summary>
public sealed class RawLanding(LakeRoot root, CatalogStore catalog, Action<string> progress)
{
    public async Task<Landing> LandAsync(string file, string name, string dataset, DateOnly today, CancellationToken cancellationToken)
    {
        var sha = await Sha256Async(file, cancellationToken);
        // Already there: no copy needed to say so. Checked again under the lock, where it counts.
        if (Known(dataset, sha) is { } known) return known;

        await using var staged = await CopyAsync(file, name, cancellationToken);
        using var held = await DatasetLock.TakeAsync(root, dataset, "catalog", null, cancellationToken);
        if (Known(dataset, sha) is { } landed) return landed;
        var key = RawKey.For(dataset, today, name).Key;
        if (File.Exists(RawFile(key)))
        {
            // The same name: the same content (landed by a run killed before it was recorded), or a new version.
            if (await Sha256Async(RawFile(key), cancellationToken) == sha)
            {
                catalog.RecordIngested(dataset, sha, key);
                return new Landing(key, LandingOutcome.Pending);
            }
            key = RawKey.For(dataset, today, $"{Path.GetFileNameWithoutExtension(name)}-{sha[..8]}{Path.GetExtension(name)}").Key;
        }
        staged.MoveTo(RawFile(key));
        catalog.RecordIngested(dataset, sha, key);
        return new Landing(key, LandingOutcome.Landed);
    }

    private Landing? Known(string dataset, string sha)
    {
        if (!catalog.Ingested(dataset).TryGetValue(sha, out var key) || !File.Exists(RawFile(key))) return null;
        return new Landing(key, catalog.Bookmark(dataset).Contains(key) ? LandingOutcome.Committed : LandingOutcome.Pending);
    }

    private async Task<StagedFile> CopyAsync(string file, string name, CancellationToken cancellationToken)
    {
        await using var source = new ProgressStream(File.OpenRead(file), name, progress);
        return await StagedFile.CopyAsync(root, source, cancellationToken);
    }

    private string RawFile(string key) => root.FileOf(new ObjectRef(Zone.Raw, key));

    private static async Task<string> Sha256Async(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken)).ToLowerInvariant();
    }
}
