using System.Collections.Concurrent;
using System.Diagnostics;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Health;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// A server started from a <see cref="NativeLaunchPlan"/> exactly as planned, so a test that uses
/// it also proves the derived command line works. Killed (with its whole output kept for
/// diagnostics) on dispose.
/// </summary>
public sealed class NativeServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NativeServerProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output => string.Join('\n', _output);

    public static NativeServerProcess Start(NativeLaunchPlan plan)
    {
        if (plan.MissingRuntimeRemedy is { } remedy)
            throw new InvalidOperationException($"cannot start: {remedy}");
        Arc.Platform.Drivers.Native.GeneratedFiles.Write(plan.Files);
        var info = new ProcessStartInfo(plan.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in plan.Arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in plan.Environment)
            info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var server = new NativeServerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <paramref name="probe"/> until healthy; fails with the server's output when it dies or never gets there.</summary>
    public async Task WaitHealthyAsync(Func<CancellationToken, Task<ProbeResult>> probe)
    {
        var clock = Stopwatch.StartNew();
        var last = "not probed";
        while (clock.Elapsed < StartupLimit)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"server exited with {_process.ExitCode}:\n{Output}");
            var result = await probe(CancellationToken.None);
            if (result.Healthy)
                return;
            last = result.Detail;
            await Task.Delay(20);
        }
        throw new TimeoutException($"server not healthy after {StartupLimit.TotalSeconds}s ({last}):\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
