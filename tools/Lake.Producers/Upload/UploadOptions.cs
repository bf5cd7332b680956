namespace SocarDataLake.Producers.Upload;

/// <summary>
/// How files go to S3: above one part they are sent as a multipart upload of <see cref="PartSize"/> parts,
/// <see cref="Parallelism"/> at a time. S3 wants parts of 5 MiB or more (except the last) and at most 10,000
/// of them, so the part size grows for files beyond 10,000 parts.
/// </summary>
public sealed record UploadOptions(long PartSize = UploadOptions.DefaultPartSize, int Parallelism = 4)
{
    public const long DefaultPartSize = 8 * 1024 * 1024;
    public const int MaxParts = 10_000;

    public long PartSizeFor(long fileSize)
    {
        var needed = (fileSize + MaxParts - 1) / MaxParts;
        const long mib = 1024 * 1024;
        return Math.Max(PartSize, (needed + mib - 1) / mib * mib);
    }
}

public sealed record UploadResult(string File, string Key, long Bytes, string Sha256Hex, int Parts, bool Skipped);
