using SocarDataLake.Local;

namespace SocarDataLake.Local.Tests;

/// <summary>
/// What the sweep of <c>_staging/landing</c> may delete: a copy whose writer died, empty or not, and never a live
/// writer's. The full-suite run once left an empty copy of a writer killed before its first byte.
/// </summary>
public sealed class StagedFileTests
{
    [Fact]
    public void A_copy_whose_writer_died_before_its_first_byte_is_swept()
    {
        using var lake = new TestLake();
        Directory.CreateDirectory(lake.Root.Landing);
        var leftover = Path.Combine(lake.Root.Landing, "0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllBytes(leftover, []);

        StagedFile.SweepLeftovers(lake.Root, lake.Clock);

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task A_live_writers_copy_is_kept_even_before_its_first_byte()
    {
        using var lake = new TestLake();
        await using var staged = await StagedFile.CopyAsync(lake.Root, new MemoryStream(), TestContext.Current.CancellationToken);

        StagedFile.SweepLeftovers(lake.Root, lake.Clock);

        Assert.True(File.Exists(staged.Path));
        Assert.EndsWith(".tmp", staged.Path, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(lake.Root.Landing, "*.creating"));
    }

    [Fact]
    public void A_file_left_between_creation_and_lock_goes_once_it_is_a_minute_old()
    {
        using var lake = new TestLake();
        Directory.CreateDirectory(lake.Root.Landing);
        var creating = Path.Combine(lake.Root.Landing, "0123456789abcdef0123456789abcdef.creating");
        File.WriteAllBytes(creating, []);
        File.SetLastWriteTimeUtc(creating, lake.Clock.GetUtcNow().UtcDateTime);

        StagedFile.SweepLeftovers(lake.Root, lake.Clock);
        Assert.True(File.Exists(creating));

        lake.Clock.Advance(TimeSpan.FromMinutes(2));
        StagedFile.SweepLeftovers(lake.Root, lake.Clock);
        Assert.False(File.Exists(creating));
    }
}
