using System.Diagnostics;
using System.Text;

namespace SocarDataLake.TestServers;

/// <summary>
/// The built `lake` running in the background, for tests that act on it while it runs: wait for a line of its
/// output, interrupt it (SIGINT, as Ctrl-C), kill it (-9), or let it finish. Disposing kills what still runs.
/// </summary>
public sealed class LakeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waits = [];
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LakeProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static LakeProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = LakeCommand.StartInfo(workingDirectory, environment, args);
        var lake = new LakeProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        lake._process.OutputDataReceived += (_, e) => lake.Received(e.Data, lake._output, lake._outputClosed);
        lake._process.ErrorDataReceived += (_, e) => lake.Received(e.Data, lake._error, lake._errorClosed);
        lake._process.Start();
        lake._process.BeginOutputReadLine();
        lake._process.BeginErrorReadLine();
        return lake;
    }

    /// <summary>Completes when a line of standard output or error matches, or fails when the process ends first.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waits)
        {
            if (_output.ToString().Split('\n').Concat(_error.ToString().Split('\n')).Any(match)) return;
            _waits.Add((match, seen));
        }
        var exited = _process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(seen.Task, exited) != seen.Task)
        {
            await exited;
            lock (_waits)
                if (!_output.ToString().Split('\n').Concat(_error.ToString().Split('\n')).Any(match))
                    throw new InvalidOperationException($"lake exited ({_process.ExitCode}) before the awaited line.\nstdout:\n{_output}\nstderr:\n{_error}");
        }
    }

    /// <summary>Sends SIGINT, what Ctrl-C in a terminal sends.</summary>
    public void Interrupt() => Signal("-INT");

    /// <summary>Sends SIGTERM, what kill, a service manager or a stopping container sends.</summary>
    public void Terminate() => Signal("-TERM");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>kill -9: no clean-up code runs.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<CliRun> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(cancellationToken);
        lock (_waits) return new CliRun(_process.ExitCode, _output.ToString(), _error.ToString());
    }

    private void Received(string? line, StringBuilder into, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (_waits)
        {
            into.Append(line).Append('\n');
            foreach (var wait in _waits.Where(w => w.Match(line)).ToList())
            {
                wait.Seen.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
    }
}
