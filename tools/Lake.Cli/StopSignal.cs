using System.Runtime.InteropServices;

namespace SocarDataLake.Cli;

/// <summary>
/// The signal that stopped the command, as the user and the shell know it: SIGINT is Ctrl-C and exits 130, SIGTERM
/// (kill, systemd, a container stopping) exits 143: 128 plus the signal's number, what a shell reports for a command
/// the signal ended. The first signal wins; these two are the only ones the CLI handles (Program.cs turns
/// System.CommandLine's own handler off).
/// </summary>
internal static class StopSignal
{
    private static int _received;

    public static void Received(PosixSignal signal)
    {
        if (signal is PosixSignal.SIGINT or PosixSignal.SIGTERM)
            Interlocked.CompareExchange(ref _received, (int)signal, 0);
    }

    /// <summary>SIGINT or SIGTERM came.</summary>
    public static bool Stopped => Volatile.Read(ref _received) != 0;

    private static bool Terminated => Volatile.Read(ref _received) == (int)PosixSignal.SIGTERM;

    /// <summary>"Ctrl-C" or "SIGTERM", for "stopped by …".</summary>
    public static string Name => Terminated ? "SIGTERM" : "Ctrl-C";

    public static int ExitCode => Terminated ? 143 : 130;
}
