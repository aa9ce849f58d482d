using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Arc.Platform.Processes;

/// <summary>
/// The one way arc runs another program. Children that arc waits for have stdin closed (never a
/// prompt) and stdout and stderr read concurrently to the end, so a chatty child cannot block on a
/// full pipe; a child that is cancelled or outlives its time limit is killed with its descendants.
/// </summary>
public static class ChildProcess
{
    /// <summary>
    /// Runs to exit and captures what it printed. Past <paramref name="limit"/> it is killed and the
    /// result is <see cref="ChildResult.TimedOut"/>; cancellation kills it and throws. A program that
    /// cannot be started is a <see cref="ChildResult.NotRunnable"/> result.
    /// </summary>
    public static async Task<ChildResult> RunAsync(ChildCommand command, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        if (TryStart(command, redirect: true, out var failure) is not { } started)
            return ChildResult.CouldNotRun(command.File, failure!);
        using var process = started;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit is { } l)
            timeout.CancelAfter(l);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
                throw;
            return new ChildResult(ChildResult.TimedOut, await output, $"{command.File} did not finish within {limit?.TotalSeconds:0} s");
        }
        return new ChildResult(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// <see cref="RunAsync"/> for the native driver's synchronous start path (a short system tool such
    /// as useradd): stdout is drained on a pool thread while stderr is read here, then both are joined.
    /// </summary>
    public static ChildResult Run(ChildCommand command)
    {
        if (TryStart(command, redirect: true, out var failure) is not { } started)
            return ChildResult.CouldNotRun(command.File, failure!);
        using var process = started;
        var output = Task.Run(process.StandardOutput.ReadToEnd);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        output.Wait();
        return new ChildResult(process.ExitCode, output.Result, error);
    }

    /// <summary>Every line the child prints on stdout and stderr, as it prints them, until it exits; cancellation kills it.</summary>
    public static async IAsyncEnumerable<string> LinesAsync(ChildCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var process = TryStart(command, redirect: true, out var failure) ?? throw new DriverException($"could not run {command.File}: {failure}");
        var lines = Channel.CreateUnbounded<string>();
        var pumps = Task.WhenAll(Pump(process.StandardOutput, lines.Writer), Pump(process.StandardError, lines.Writer));
        _ = pumps.ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
        using var registration = cancellationToken.Register(() => Kill(process));
        await foreach (var line in lines.Reader.ReadAllAsync(CancellationToken.None))
            yield return line;
        await process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Starts a child that outlives arc (a server's supervisor) and returns its pid: nothing is
    /// redirected or waited for. A program that cannot start is a <see cref="DriverException"/> naming <paramref name="what"/>.
    /// </summary>
    public static int StartDetached(ChildCommand command, string what)
    {
        using var process = TryStart(command, redirect: false, out var failure) ?? throw new DriverException($"could not start {what}: {failure}");
        return process.Id;
    }

    private static async Task Pump(StreamReader reader, ChannelWriter<string> writer)
    {
        while (await reader.ReadLineAsync() is { } line)
            writer.TryWrite(line);
    }

    private static Process? TryStart(ChildCommand command, bool redirect, out string? failure)
    {
        var info = new ProcessStartInfo(command.File)
        {
            UseShellExecute = false,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            RedirectStandardInput = redirect,
        };
        if (command.WorkingDirectory is { } directory)
            info.WorkingDirectory = directory;
        foreach (var argument in command.Arguments)
            info.ArgumentList.Add(argument);
        if (command.OnlyThisEnvironment)
            info.Environment.Clear();
        foreach (var (key, value) in command.Environment)
            info.Environment[key] = value;
        try
        {
            var process = Process.Start(info);
            failure = process is null ? "no process was started" : null;
            if (redirect)
                process?.StandardInput.Close();  // never wait for a prompt
            return process;
        }
        catch (Win32Exception e)
        {
            failure = e.Message;
            return null;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
