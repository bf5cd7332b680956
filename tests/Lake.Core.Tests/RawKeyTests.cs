using SocarDataLake.Core.Zones;

namespace SocarDataLake.Core.Tests;

public sealed class RawKeyTests
{
    [Fact]
    public void Parses_the_raw_zone_layout()
    {
        Assert.True(RawKey.TryParse("tripdata/ingest_date=2026-11-25/yellow 2019-01.csv", out var key, out _));
        Assert.Equal(new RawKey("tripdata", new DateOnly(2026, 11, 25), "yellow 2019-01.csv"), key);
        Assert.Equal("tripdata/ingest_date=2026-11-25/yellow 2019-01.csv", key!.Key);
    }

    [Theory]
    [InlineData("tripdata/ingest_date=2026-11-25/../../etc/passwd", "'..'")]
    [InlineData("/tripdata/ingest_date=2026-11-25/a.csv", "absolute")]
    [InlineData("tripdata/a.csv", "not <dataset>")]
    [InlineData("tripdata/ingest_date=2026-13-01/a.csv", "ingest_date=YYYY-MM-DD")]
    [InlineData("Trip-Data/ingest_date=2026-11-25/a.csv", "not a dataset name")]
    [InlineData("tripdata/ingest_date=2026-11-25/sub/a.csv", "not <dataset>")]
    [InlineData("tripdata\\ingest_date=2026-11-25\\a.csv", "backslash")]
    [InlineData("", "empty")]
    public void Rejects_unsafe_or_misplaced_keys_with_a_reason(string key, string expectedReason)
    {
        Assert.False(RawKey.TryParse(key, out var parsed, out var reason));
        Assert.Null(parsed);
        Assert.Contains(expectedReason, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_refuses_a_file_name_that_would_leave_the_prefix()
    {
        var error = Assert.Throws<ArgumentException>(() => RawKey.For("tripdata", new DateOnly(2026, 1, 1), "../x.csv"));
        Assert.Contains("..", error.Message, StringComparison.Ordinal);
    }
}
