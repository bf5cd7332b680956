using System.Globalization;
using System.Net;

namespace SocarDataLake.LakeConsole.Tests;

/// <summary>
/// The TCP sockets a process listens on, as the Linux kernel reports them (/proc/net/tcp and tcp6, matched to the
/// process's open sockets by inode): what the process really bound, not what it says it bound.
/// </summary>
internal static class ListeningSockets
{
    private const string Listen = "0A";

    public static IReadOnlyList<IPEndPoint> Of(int pid)
    {
        var inodes = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(target => target!["socket:[".Length..^1])
            .ToHashSet(StringComparer.Ordinal);
        var listening = new List<IPEndPoint>();
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/net/{table}").Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] != Listen || !inodes.Contains(fields[9])) continue;
                var (address, port) = (fields[1].Split(':')[0], int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                listening.Add(new IPEndPoint(Address(address), port));
            }
        }
        return listening;
    }

    // The kernel prints each 32-bit word of the address in host order (little-endian here).
    private static IPAddress Address(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4) Array.Reverse(bytes, word, 4);
        return new IPAddress(bytes);
    }
}
