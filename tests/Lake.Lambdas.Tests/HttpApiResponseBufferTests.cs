using SocarDataLake.LambdaRuntime.AspNetCore;

namespace SocarDataLake.Lambdas.Tests;

/// <summary>
/// The response body of one invocation holds at most the cap, whatever the application writes: a 40 MB page must not
/// become 40 MB (and its copies) in a 512 MB function before the size is checked.
/// </summary>
public sealed class HttpApiResponseBufferTests
{
    private const int Cap = 1024 * 1024;

    [Fact]
    public async Task Forty_times_the_cap_written_leaves_at_most_the_cap_held_and_says_it_overflowed()
    {
        var buffer = new ResponseBuffer(Cap);
        await using var stream = buffer.AsStream();
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < 40 * Cap / chunk.Length; i++) await stream.WriteAsync(chunk, TestContext.Current.CancellationToken);
        var span = buffer.GetSpan(10 * Cap);
        span[..(10 * Cap)].Fill(1);
        buffer.Advance(10 * Cap);

        Assert.True(buffer.Overflowed);
        Assert.InRange(buffer.Capacity, 0, Cap + 1);
    }

    [Fact]
    public void A_body_up_to_the_cap_is_kept_whole()
    {
        var buffer = new ResponseBuffer(Cap);
        var bytes = Enumerable.Range(0, Cap).Select(i => (byte)i).ToArray();
        for (var offset = 0; offset < bytes.Length; offset += 1000)
        {
            var part = bytes.AsSpan(offset, Math.Min(1000, bytes.Length - offset));
            part.CopyTo(buffer.GetSpan(part.Length));
            buffer.Advance(part.Length);
        }

        Assert.False(buffer.Overflowed);
        Assert.Equal(bytes, buffer.Written.ToArray());
    }
}
