// Zips whose bytes depend only on the entries' names, contents and modes: same inputs, same sha256, so an
// unchanged artifact is neither uploaded again nor seen by Terraform as a change.

record ZipEntrySource(string Name, FilePath File, int? UnixMode = null);

void WriteDeterministicZip(FilePath zip, IEnumerable<ZipEntrySource> entries)
{
    if (FileExists(zip)) DeleteFile(zip);
    using var stream = System.IO.File.Create(zip.FullPath);
    using var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create);
    foreach (var source in entries)
    {
        var entry = archive.CreateEntry(source.Name, System.IO.Compression.CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // The Unix mode sits in the high half of the external attributes (Info-ZIP's convention, which Lambda reads).
        if (source.UnixMode is { } mode) entry.ExternalAttributes = mode << 16;
        using var output = entry.Open();
        using var input = System.IO.File.OpenRead(source.File.FullPath);
        input.CopyTo(output);
    }
}
